import Foundation
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorCore

/// Regular expressions with bounded cost: the shapes that backtrack without bound are refused, and every built-in
/// pattern is accepted and searches a capped text.
@Suite struct RegexSafetyTests {
    static let rulesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Rules").path

    /// Every `matches:` pattern in the built-in rule files.
    static func builtInPatterns() throws -> [String] {
        var patterns: [String] = []
        func collect(_ node: RuleNode) {
            switch node {
            case .scalar: break
            case .sequence(let items, _): items.forEach(collect)
            case .mapping(let pairs, _):
                for pair in pairs {
                    if pair.key == "matches", case .scalar(let pattern, _) = pair.value { patterns.append(pattern) }
                    collect(pair.value)
                }
            }
        }
        for file in try RuleLayer(directory: rulesFolder).files {
            if let root = try RuleNode.parse(yaml: file.text) { collect(root) }
        }
        return patterns
    }

    @Test(arguments: ["(a+)+$", "(a*)*b", "(\\w+\\s?)*$", "(a|aa)+$", "(x+x+)+y", "a.*b.*c", "\\s*:?\\s*-?\\s*x"])
    func catastrophicShapesAreRefused(pattern: String) {
        #expect(RegexSafety.problem(in: pattern) != nil)
    }

    @Test(arguments: [
        "(?i)\\+OK\\b[^*+]*(POP|ready)", "^5\\.7\\.[0-9]+$", "(rev1)?", "status\\s*:?\\s*retry", "[a-z]{2,5}x",
        "(?i)(helo|ehlo)( or |/)(helo|ehlo)", "\\Q(a+)+\\E",
    ])
    func ordinaryPatternsAreAccepted(pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == nil, "\(RegexSafety.problem(in: pattern) ?? "")")
    }

    @Test func theLoaderRefusesAnUnsafePatternWithItsLine() throws {
        let file = RuleFile(
            relativePath: "rules/user.yaml", displayPath: "user/rules/user.yaml",
            text:
                "- id: user.slow\n  if: { error.text: { matches: \"(a+)+$\" } }\n  then: { smtp-test.result: success }\n"
        )
        let error = #expect(throws: InvalidKnowledgeBase.self) {
            try KnowledgeBase.load([.builtIn, RuleLayer(files: [file])])
        }
        #expect(error?.description.contains("user/rules/user.yaml:2: regular expression '(a+)+$' is refused") == true)
    }

    @Test func everyBuiltInPatternIsAcceptedAndSearchesACappedText() throws {
        let patterns = try Self.builtInPatterns()
        #expect(patterns.count > 100)
        let cap = RegularExpression.maximumSubjectLength
        // Texts that make a backtracking engine retry: runs of what the patterns repeat, and their prefixes.
        let units = ["+OK ", "* OK ", "a", " ", "5", "5.7.", "\t:", "-", "<", "status ", "test result "]
        for pattern in patterns {
            #expect(RegexSafety.problem(in: pattern) == nil, "built-in '\(pattern)' is refused")
            let expression = try RegularExpression(pattern)
            for unit in units {
                let text = String(String(repeating: unit, count: cap / unit.count + 1).prefix(cap * 4))
                _ = expression.matches(text, checkingLiterals: false)
            }
        }
        // The cap applies: a match after it is not searched.
        let late = try RegularExpression("needle")
        #expect(late.matches(String(repeating: " ", count: cap - 6) + "needle", checkingLiterals: false))
        #expect(!late.matches(String(repeating: " ", count: cap) + "needle", checkingLiterals: false))
    }
}
