import Foundation
import Mustache
import SMTPDoctorCore

/// The Mustache templates the Markdown and HTML documents are rendered through.
///
/// The templates are data: `Templates/*.mustache` are built into the binary (so a copied binary still renders),
/// and a folder given with ``init(templateFolder:)`` replaces any of them by name. Partials (`{{> name}}`) resolve
/// across both. Each document has its own renderer (``SupportReportRenderer``, ``AnalysisDocumentRenderer``,
/// ``DomainCheckRenderer``), which builds the values its templates see and renders them here.
public struct TemplateLibrary: Sendable {
    let library: MustacheLibrary

    /// Uses the built-in templates, with those in `templateFolder` (files named `report.html.mustache`,
    /// `analysis.md.mustache`, or any partial) taking their place.
    ///
    /// - Throws: ``TemplateError`` when the folder cannot be read, holds no template, or a template does not parse
    ///   or includes itself.
    public init(templateFolder: String? = nil) throws(TemplateError) {
        _ = ReportContentTypes.registered
        var templates: [String: String] = DefaultTemplates.files
        if let templateFolder {
            for (name, text) in try Self.templates(in: templateFolder) { templates[name] = text }
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

    /// The `.mustache` files of `folder`, by name without the extension.
    private static func templates(in folder: String) throws(TemplateError) -> [String: String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw TemplateError("cannot read the template folder \(folder)")
        }
        let found = names.filter { $0.hasSuffix(".mustache") }
        guard !found.isEmpty else {
            let expected = DocumentTemplate.allCases.flatMap(\.fileNames).joined(separator: ", ")
            throw TemplateError("\(folder) holds no .mustache file; expected one of \(expected), or a partial")
        }
        var templates: [String: String] = [:]
        for name in found {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TemplateError("cannot read the template \(path)")
            }
            templates[String(name.dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
        }
        return templates
    }

    /// The template of `document` in the format `kind`, rendered with `context`.
    ///
    /// - Throws: ``RenderError`` when the library holds no such template.
    func render(_ context: [String: Any], _ document: DocumentTemplate, as kind: DocumentKind) throws(RenderError)
        -> String
    {
        try render(context, template: kind.name(of: document))
    }

    /// The template `name` (without `.mustache`) rendered with `context`.
    ///
    /// - Throws: ``RenderError`` when the library holds no template of that name.
    func render(_ context: [String: Any], template name: String) throws(RenderError) -> String {
        guard let text = library.render(context, withTemplate: name) else { throw RenderError(missingTemplate: name) }
        return UntrustedText.visible(text)
    }
}
