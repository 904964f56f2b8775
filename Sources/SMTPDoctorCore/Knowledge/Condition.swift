import Foundation
import Synchronization

/// A test on facts, compiled from the `if:` of a rule or piece of evidence.
///
/// ```yaml
/// { all: [ { reply.code: 535 }, { error.text: { contains: "credentials invalid" } } ] }
/// ```
public indirect enum Condition: Sendable {
    /// A test of one fact.
    case test(FactReference, FactTest)
    /// Holds when every part holds.
    case all([Condition])
    /// Holds when any part holds.
    case any([Condition])
    /// Holds when the part does not.
    case not(Condition)
}

/// A declared fact as a condition refers to it: by name and by its slot in working memory.
public struct FactReference: Sendable, Hashable {
    /// The fact's name.
    public var name: String
    /// Its index among the knowledge base's declared facts.
    public var index: Int
}

/// What a condition asks of one fact.
public enum FactTest: Sendable {
    /// Equal to the value (text compared ignoring case).
    case equals(FactValue)
    /// Equal to one of the values.
    case oneOf([FactValue])
    /// Known and different from the value.
    case notEqual(FactValue)
    /// Text starting with the (lower-cased) prefix, ignoring case.
    case prefix(String)
    /// Text containing one of the (lower-cased) phrases, ignoring case; `ids` are their ids in the phrase matcher.
    case contains([String], ids: [Int])
    /// Text matching the regular expression.
    case matches(RegularExpression)
    /// The fact is known (`true`) or unknown (`false`).
    case exists(Bool)
    /// A number within the inclusive bounds; `nil` leaves a side open.
    case range(lower: Int?, upper: Int?, label: String)
}

/// A regular expression with the pattern it came from, compiled on first use.
///
/// A pattern of single characters only (``PlainPattern``, such as `^[245]\.7\.`) is matched on ASCII texts byte by
/// byte, without compiling it.
///
/// Everything but the compiled forms is set when the value is made and never changes; the compiled forms are made
/// once, under a mutex, by the first search that needs them. Patterns of the built-in knowledge base were checked
/// when it was built (`rules lint` in CI), so they are compiled only when a condition first needs them; this keeps
/// start-up fast. Patterns of other layers are compiled, and so checked, while loading.
public final class RegularExpression: Sendable {
    /// The most characters (UTF-16 units) of a text an expression searches: with the shapes ``RegexSafety`` refuses
    /// kept out, the cost of one search stays within about the square of this.
    public static let maximumSubjectLength = 4096

    /// The pattern as written in the rule.
    public let pattern: String
    /// Lower-cased texts of which every match contains one, tested before the engine runs.
    let requiredLiterals: [String]?
    /// The ids of `requiredLiterals` in the knowledge base's phrase matcher (nil before the expression is registered
    /// with a phrase catalog).
    let literalIDs: [Int]?
    /// The engine's compiled expression, made by the first search that needs it.
    private let compiled: Mutex<NSRegularExpression?>
    /// Nil until the first search, then the pattern as a `PlainPattern`, or nil when it is not one.
    private let plain = Mutex<PlainPattern??>(nil)

    /// A pattern compiled now (ICU syntax).
    /// - Throws: the compiler's error when the pattern is not valid.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        self.requiredLiterals = RequiredLiteral.anyOf(pattern)
        self.literalIDs = nil
        self.compiled = Mutex(try NSRegularExpression(pattern: pattern))
    }

    /// A pattern already known to be valid, compiled on first use; an invalid one never matches.
    public init(verified pattern: String) {
        self.pattern = pattern
        self.requiredLiterals = RequiredLiteral.anyOf(pattern)
        self.literalIDs = nil
        self.compiled = Mutex(nil)
    }

    /// A pattern of the knowledge-base image, with the literals and phrase ids worked out when it was built;
    /// compiled on first use.
    init(pattern: String, requiredLiterals: [String]?, literalIDs: [Int]?, compiled: NSRegularExpression? = nil) {
        self.pattern = pattern
        self.requiredLiterals = requiredLiterals
        self.literalIDs = literalIDs
        self.compiled = Mutex(compiled)
    }

    /// The same expression with the phrase-matcher ids of its required literals; what is compiled already is shared.
    func with(literalIDs: [Int]?) -> RegularExpression {
        let compiled = compiled.withLock { $0 }
        return RegularExpression(
            pattern: pattern, requiredLiterals: requiredLiterals, literalIDs: literalIDs, compiled: compiled)
    }

    /// Whether the expression matches anywhere in the first ``maximumSubjectLength`` characters of the text.
    /// - Parameters:
    ///   - text: the text.
    ///   - lowered: the same text lower-cased, when the caller has it, for the quick literal test.
    ///   - checkingLiterals: `false` when the caller already knows a required literal occurs.
    public func matches(_ text: String, lowered: String? = nil, checkingLiterals: Bool = true) -> Bool {
        if checkingLiterals, let requiredLiterals {
            let lowered = lowered ?? text.lowercased()
            guard requiredLiterals.contains(where: { TextSearch.contains(lowered, $0) }) else { return false }
        }
        if let plainPattern, ASCIIText.isASCII(text) {
            return plainPattern.matches(text, within: Self.maximumSubjectLength)
        }
        guard let expression = expression else { return false }
        let range = NSRange(location: 0, length: min(text.utf16.count, Self.maximumSubjectLength))
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    /// The pattern as a `PlainPattern`, which matches an ASCII text without the regular-expression engine, when it
    /// is one.
    private var plainPattern: PlainPattern? {
        plain.withLock { plain in
            if let plain { return plain }
            let parsed = PlainPattern(pattern)
            plain = .some(parsed)
            return parsed
        }
    }

    private var expression: NSRegularExpression? {
        compiled.withLock { compiled in
            if compiled == nil { compiled = try? NSRegularExpression(pattern: pattern) }
            return compiled
        }
    }
}
