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
/// A pattern of single characters only (``PlainPattern``, such as `^[245]\.7\.`), or of the common subset the
/// ``ASCIIRegex`` automaton follows, is matched on ASCII texts byte by byte, without compiling it or copying the text
/// to UTF-16; the automaton also reads most other texts, each character past ASCII as the byte of its class
/// (``ASCIIRegex/ScalarClass``). A text that lacks a literal every match contains is not searched at all.
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
    /// Nil until the first search, then how texts are searched.
    private let searchPlan = Mutex<SearchPlan?>(nil)

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
    ///   - lowered: the same text lower-cased, when the caller has it, for the quick literal tests.
    ///   - checkingLiterals: `false` when the caller already knows one of ``requiredLiterals`` occurs.
    public func matches(_ text: String, lowered: String? = nil, checkingLiterals: Bool = true) -> Bool {
        var lowered = lowered
        if checkingLiterals, let requiredLiterals {
            let folded = lowered ?? text.lowercased()
            guard requiredLiterals.contains(where: { TextSearch.contains(folded, $0) }) else { return false }
            lowered = folded
        }
        let plan = self.plan
        if !plan.allLiterals.isEmpty {
            let folded = lowered ?? text.lowercased()
            guard plan.allLiterals.allSatisfy({ TextSearch.contains(folded, $0) }) else { return false }
        }
        if plan.plain != nil || plan.ascii != nil, ASCIIText.isASCII(text) {
            if let plain = plan.plain { return plain.matches(text, within: Self.maximumSubjectLength) }
            if let ascii = plan.ascii { return ascii.matches(text, within: Self.maximumSubjectLength) }
        }
        // Other characters are read by the automaton as the bytes of their classes, when they all have one.
        if let ascii = plan.ascii,
            let bytes = ASCIIRegex.classBytes(
                of: text, limit: Self.maximumSubjectLength, caseInsensitive: ascii.isCaseInsensitive)
        {
            return bytes.withUnsafeBufferPointer { ascii.matches($0) }
        }
        guard let expression = expression else { return false }
        let range = NSRange(location: 0, length: min(text.utf16.count, Self.maximumSubjectLength))
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    /// How texts are searched, worked out from the pattern by the first search.
    private struct SearchPlan: Sendable {
        /// The pattern as a `PlainPattern`, when it is one.
        let plain: PlainPattern?
        /// Otherwise the pattern as an `ASCIIRegex`, when it is one.
        let ascii: ASCIIRegex?
        /// Every literal a match contains (``RequiredLiteral/allOf(_:)``), but for a single required literal, which
        /// the caller tests.
        let allLiterals: [String]

        init(pattern: String, requiredLiterals: [String]?) {
            plain = PlainPattern(pattern)
            ascii = plain == nil ? ASCIIRegex(pattern) : nil
            allLiterals = RequiredLiteral.allOf(pattern).filter { requiredLiterals != [$0] }
        }
    }

    private var plan: SearchPlan {
        searchPlan.withLock { plan in
            if let plan { return plan }
            let made = SearchPlan(pattern: pattern, requiredLiterals: requiredLiterals)
            plan = made
            return made
        }
    }

    private var expression: NSRegularExpression? {
        compiled.withLock { compiled in
            if compiled == nil { compiled = try? NSRegularExpression(pattern: pattern) }
            return compiled
        }
    }
}
