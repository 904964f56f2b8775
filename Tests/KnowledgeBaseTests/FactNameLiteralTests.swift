import Foundation
import SMTPDoctorCore
import Testing

/// One vocabulary of fact names: every string literal in `Sources/` that names a fact (it starts with the namespace
/// of a declared fact, `reply.`, `probe.`, `domain.` …, and is no diagnosis, remediation or rule id) is declared in
/// `Rules/facts*.yaml`. The probe's names are the `ProbeFactName` enum; the parsers' and the DNS checks' literals
/// are checked here, before the engine's debug assertion would stop on them. Only the targets that set facts are
/// scanned: the pages and renderers hold host names such as `smtp.example.com` that share a fact's namespace.
@Suite struct FactNameLiteralTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")
    static let factSettingTargets = ["SMTPDoctorCore", "SMTPDoctorProbes", "SMTPDoctorDNS"]

    /// Every `"a.b…"` literal in the Swift sources, with the file it is in.
    private func literals() throws -> [(name: String, file: String)] {
        let pattern = try NSRegularExpression(pattern: "\"([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)\"")
        var found: [(String, String)] = []
        for target in Self.factSettingTargets {
            let folder = Self.sources.appendingPathComponent(target)
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else {
                    continue
                }
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { found.append((String(text[range]), url.path)) }
                }
            }
        }
        return found
    }

    @Test func everyFactNameLiteralInTheSourcesIsDeclared() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        let declared = Set(knowledgeBase.facts.map(\.name))
        let namespaces = Set(declared.compactMap { $0.split(separator: ".").first.map(String.init) })
        let otherIDs = Set(knowledgeBase.diagnoses.map(\.id)).union(knowledgeBase.remediations.keys)
            .union(knowledgeBase.rules.map(\.id))
        let candidates = try literals().filter { literal in
            guard let namespace = literal.name.split(separator: ".").first else { return false }
            return namespaces.contains(String(namespace)) && !otherIDs.contains(literal.name)
        }
        #expect(candidates.count >= 40, "the scan finds the parsers', the probe's and the DNS checks' names")
        for literal in candidates where !declared.contains(literal.name) {
            Issue.record("'\(literal.name)' in \(literal.file) is not declared in Rules/facts*.yaml")
        }
    }
}
