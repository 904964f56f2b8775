import Foundation

/// A regular expression written as a literal in the program's own source.
///
/// It never stops the program: a pattern that does not compile (a programming error, which the tests catch through
/// ``isCompiled``) matches nothing instead of crashing on a user's input.
///
/// A pattern may have a gate: a byte-level test that every ASCII text it can match passes. An ASCII text that fails
/// the gate is not handed to the regular-expression engine, which would first convert it to UTF-16.
struct LiteralPattern: Sendable {
    /// The pattern as written.
    let source: String
    private let expression: NSRegularExpression?
    private let gate: (@Sendable (String) -> Bool)?

    /// Compiles `source`.
    /// - Parameter gate: a test every ASCII text the pattern matches passes; texts with other characters are not
    ///   gated.
    init(_ source: String, gate: (@Sendable (String) -> Bool)? = nil) {
        self.source = source
        expression = try? NSRegularExpression(pattern: source)
        self.gate = gate
    }

    /// Whether the pattern compiled.
    var isCompiled: Bool { expression != nil }

    /// The first match in `text`, with its groups; nil when there is none or the pattern did not compile.
    func firstMatch(in text: String) -> Match? {
        if let gate, ASCIIText.isASCII(text), !gate(text) { return nil }
        return expression?.firstMatch(in: text)
    }
}
