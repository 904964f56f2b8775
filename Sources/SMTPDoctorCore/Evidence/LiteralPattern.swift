import Foundation
import Synchronization

/// A regular expression written as a literal in the program's own source.
///
/// It never stops the program: a pattern that does not compile (a programming error, which the tests catch through
/// ``isCompiled``) matches nothing instead of crashing on a user's input.
///
/// A pattern may have a gate: a byte-level test that every ASCII text it can match passes. An ASCII text that fails
/// the gate is not handed to the regular-expression engine, which would first convert it to UTF-16. A pattern may
/// also have a prerequisite: a byte-level test that every text it can match passes, whatever its characters (two of
/// the pattern's literal ASCII characters in a row, which nothing else matches); no text that fails it is searched.
///
/// The expression is compiled by the first search that gets past the gate: compiling costs more than most searches
/// (the first one in a process also starts the engine), and most texts never reach most patterns. A pattern of the
/// ``ASCIIRegex`` subset is first followed as an automaton over an ASCII text: the engine, which copies the text to
/// UTF-16, runs only to give the groups of a text that matches.
struct LiteralPattern: Sendable {
    /// The pattern as written.
    let source: String
    private let expression: CompiledOnFirstUse
    private let gate: (@Sendable (String) -> Bool)?
    private let prerequisite: (@Sendable (String) -> Bool)?

    /// A pattern for `source`, compiled on first use.
    /// - Parameters:
    ///   - gate: a test every ASCII text the pattern matches passes; texts with other characters are not gated.
    ///   - prerequisite: a test every text the pattern matches passes, whatever its characters.
    init(
        _ source: String, gate: (@Sendable (String) -> Bool)? = nil,
        prerequisite: (@Sendable (String) -> Bool)? = nil
    ) {
        self.source = source
        expression = CompiledOnFirstUse(source)
        self.gate = gate
        self.prerequisite = prerequisite
    }

    /// Whether the pattern compiles (compiling it now if no search has).
    var isCompiled: Bool { expression.compiled != nil }

    /// The first match in `text`, with its groups; nil when there is none or the pattern did not compile.
    func firstMatch(in text: String) -> Match? {
        guard screen(text) != false else { return nil }
        return expression.compiled?.firstMatch(in: text)
    }

    /// Whether the pattern matches somewhere in `text`: ``firstMatch(in:)`` without its groups, so that an ASCII
    /// text of a pattern of the automaton's subset is never handed to the engine.
    func matches(_ text: String) -> Bool {
        screen(text) ?? (expression.compiled?.firstMatch(in: text) != nil)
    }

    /// What the byte tests and, for an ASCII text, the automaton tell of a match: `false` none, `true` one, `nil`
    /// only the engine can tell.
    private func screen(_ text: String) -> Bool? {
        if let prerequisite, !prerequisite(text) { return false }
        guard ASCIIText.isASCII(text) else { return nil }
        if let gate, !gate(text) { return false }
        return expression.automaton?.matches(text, within: .max)
    }

    /// The compiled expression, made once, under a mutex, by the first caller that needs it.
    private final class CompiledOnFirstUse: Sendable {
        private let source: String
        /// Nil until the first use, then the compiled expression, or nil when it did not compile.
        private let outcome = Mutex<NSRegularExpression??>(nil)
        /// Nil until the first use, then the pattern's automaton, or nil when it is outside the subset.
        private let plan = Mutex<ASCIIRegex??>(nil)

        init(_ source: String) { self.source = source }

        var compiled: NSRegularExpression? {
            outcome.withLock { outcome in
                if let outcome { return outcome }
                let expression = try? NSRegularExpression(pattern: source)
                outcome = .some(expression)
                return expression
            }
        }

        var automaton: ASCIIRegex? {
            plan.withLock { plan in
                if let plan { return plan }
                let automaton = ASCIIRegex(source)
                plan = .some(automaton)
                return automaton
            }
        }
    }
}
