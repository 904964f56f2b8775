import Foundation
import Mustache
import SMTPDoctorCore
import SMTPDoctorProbes

/// Renders a ``SupportReport`` as Markdown or HTML through Mustache templates.
///
/// The templates are data: `Templates/*.mustache` are built into the binary (so a copied binary still renders),
/// and a folder given with ``init(templateFolder:)`` replaces any of them by name. Partials (`{{> name}}`) resolve
/// across both.
public struct SupportReportRenderer: Sendable {
    /// The document kinds a template exists for.
    public enum Kind: String, Sendable, CaseIterable {
        case markdown = "report.md"
        case html = "report.html"

        /// The template of the same format for the document of `analyze`.
        var analysis: String { self == .html ? "analysis.html" : "analysis.md" }
    }

    let library: MustacheLibrary

    /// Uses the built-in templates, with those in `templateFolder` (files named `report.html.mustache`,
    /// `report.md.mustache`, or any partial) taking their place.
    ///
    /// - Throws: ``TemplateError`` when the folder cannot be read or a template does not parse.
    public init(templateFolder: String? = nil) throws(TemplateError) {
        _ = ReportContentTypes.registered
        var templates: [String: String] = DefaultTemplates.files
        if let templateFolder {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: templateFolder)
            } catch {
                throw TemplateError("cannot read the template folder \(templateFolder)")
            }
            let found = names.filter { $0.hasSuffix(".mustache") }
            guard !found.isEmpty else {
                throw TemplateError(
                    "\(templateFolder) holds no .mustache file; expected report.html.mustache or report.md.mustache")
            }
            for name in found {
                let path = (templateFolder as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw TemplateError("cannot read the template \(path)")
                }
                templates[String(name.dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
            }
        }
        if let cycle = TemplateInclusions(templates).firstCycle() {
            throw TemplateError(
                "template \(cycle[0]).mustache includes itself (\(cycle.joined(separator: " → "))); remove the inclusion"
            )
        }
        var library = MustacheLibrary()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw TemplateError("template \(name).mustache does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// The document.
    ///
    /// - Throws: ``RenderError`` when the template is missing.
    public func render(_ report: SupportReport, as kind: Kind) throws(RenderError) -> String {
        try render(report.templateContext, template: kind.rawValue)
    }

    /// The document of an analysis of logs and bounces, in the format of `kind`.
    ///
    /// - Throws: ``RenderError`` when the template is missing.
    public func render(_ document: AnalysisDocument, as kind: Kind) throws(RenderError) -> String {
        try render(document.templateContext, template: kind.analysis)
    }

    /// The template `name` (without `.mustache`) rendered with `context`.
    ///
    /// - Throws: ``RenderError`` when the library holds no template of that name.
    func render(_ context: [String: Any], template name: String) throws(RenderError) -> String {
        guard let text = library.render(context, withTemplate: name) else { throw RenderError(missingTemplate: name) }
        return UntrustedText.visible(text)
    }
}

/// A template folder that cannot be used.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
