import Foundation

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
    /// Text containing one of the (lower-cased) phrases, ignoring case.
    case contains([String])
    /// Text matching the regular expression.
    case matches(RegularExpression)
    /// The fact is known (`true`) or unknown (`false`).
    case exists(Bool)
    /// A number within the inclusive bounds; `nil` leaves a side open.
    case range(lower: Int?, upper: Int?, label: String)
}

/// A compiled regular expression with the pattern it came from.
public struct RegularExpression: @unchecked Sendable {
    /// The pattern as written in the rule.
    public let pattern: String
    private let expression: NSRegularExpression

    /// Compiles a pattern (ICU syntax).
    /// - Throws: the compiler's error when the pattern is not valid.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        self.expression = try NSRegularExpression(pattern: pattern)
    }

    /// Whether the expression matches anywhere in the text.
    public func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }
}
