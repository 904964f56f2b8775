import Foundation

/// A regular expression written as a literal in the program's own source.
///
/// It never stops the program: a pattern that does not compile (a programming error, which the tests catch through
/// ``isCompiled``) matches nothing instead of crashing on a user's input.
struct LiteralPattern: Sendable {
    private let expression: NSRegularExpression?

    /// Compiles `source`.
    init(_ source: String) {
        expression = try? NSRegularExpression(pattern: source)
    }

    /// Whether the pattern compiled.
    var isCompiled: Bool { expression != nil }

    /// The first match in `text`, with its groups; nil when there is none or the pattern did not compile.
    func firstMatch(in text: String) -> Match? {
        expression?.firstMatch(in: text)
    }
}
