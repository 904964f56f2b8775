import Foundation
import Testing

@testable import SMTPDoctorCore

/// Every YAML the program reads is bounded in size and in alias expansion, and its errors carry a real line.
@Suite struct BoundedYAMLTests {
    /// Ten levels of ten aliases: 737 bytes that expand to 10¹⁰ nodes.
    static let aliasBomb: String = {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: previous, count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func aliasExpansionIsRefusedWithALine() {
        let problem = #expect(throws: YAMLProblem.self) { try RuleNode.parse(yaml: Self.aliasBomb) }
        #expect(problem?.message.contains("more than \(BoundedYAML.maximumNodes) nodes") == true)
        #expect((problem?.line ?? 0) >= 1)
    }

    @Test func aFewAliasesAreStillYAML() throws {
        let node = try #require(try RuleNode.parse(yaml: "a: &x [1, 2]\nb: *x\n"))
        #expect(node["b"] != nil)
    }

    @Test func anOversizedDocumentIsRefusedBeforeParsing() {
        let text = String(repeating: "# padding\n", count: BoundedYAML.maximumBytes / 10 + 1)
        let problem = #expect(throws: YAMLProblem.self) { try RuleNode.parse(yaml: text) }
        #expect(problem?.message.contains("at most 4 MiB") == true)
    }

    @Test func duplicateKeysNameTheirLine() {
        let problem = #expect(throws: YAMLProblem.self) { try RuleNode.parse(yaml: "a: 1\nb:\n  c: 1\n  c: 2\n") }
        #expect(problem?.message.contains("duplicate key 'c'") == true)
        #expect(problem?.line == 3)
    }

    private func folder(_ body: (URL) throws -> Void) throws -> RuleProblem? {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID())")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("rules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try body(root.appendingPathComponent("rules"))
        do {
            _ = try RuleLayer(directory: root.path)
            return nil
        } catch let problem as RuleProblem {
            return problem
        }
    }

    @Test func aNonUTF8FileNamesTheLineOfTheBadByte() throws {
        let problem = try folder { rules in
            try Data("- id: a\n  doc: fine\n  then: ".utf8 + [0xFF, 0xFE] + Data("\n".utf8)).write(
                to: rules.appendingPathComponent("bad.yaml"))
        }
        #expect(problem?.location.line == 3)
        #expect(problem?.message.contains("not UTF-8") == true)
    }

    @Test func aBrokenSymbolicLinkIsNamedAsSuch() throws {
        let problem = try folder { rules in
            try FileManager.default.createSymbolicLink(
                atPath: rules.appendingPathComponent("gone.yaml").path, withDestinationPath: "/nonexistent/x.yaml")
        }
        #expect(problem?.message.contains("broken symbolic link") == true)
        #expect(problem?.location.line == 1)
    }

    @Test func aLoopOfSymbolicLinksIsNamedAsSuch() throws {
        let problem = try folder { rules in
            try FileManager.default.createSymbolicLink(
                atPath: rules.appendingPathComponent("a.yaml").path, withDestinationPath: "b.yaml")
            try FileManager.default.createSymbolicLink(
                atPath: rules.appendingPathComponent("b.yaml").path, withDestinationPath: "a.yaml")
        }
        #expect(problem?.message.contains("loop of symbolic links") == true)
        #expect(problem?.location.line == 1)
    }

    @Test func anOversizedRuleFileIsRefusedWithoutReadingIt() throws {
        let problem = try folder { rules in
            let url = rules.appendingPathComponent("huge.yaml")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 100_000_000)
            try handle.close()
        }
        #expect(problem?.message.contains("at most 4 MiB") == true)
    }
}
