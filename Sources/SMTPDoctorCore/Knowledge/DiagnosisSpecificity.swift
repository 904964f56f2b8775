/// How much of a cause a diagnosis names, for explaining away.
///
/// A fallback says only what a lower layer of evidence can say: the class or subject of a code (`5.7.x`: "a
/// security or policy refusal of unknown kind"), or the category the trade's vocabulary points at ("a TLS problem
/// of a kind the text does not say"). It is explained away when a more specific diagnosis accounts for the same
/// observation at least as certainly.
///
/// ```yaml
/// - id: server.transient-failure
///   fallback: code          # or: category; absent for a specific diagnosis
/// ```
public enum DiagnosisSpecificity: Int, Sendable, Comparable, CaseIterable {
    /// Reached from the class, subject or detail of a reply code alone.
    case code = 0
    /// Reached from words that name a category but not a cause.
    case category = 1
    /// Names a cause.
    case specific = 2

    /// The value of the `fallback:` key in a diagnosis, or `nil` for an unknown one.
    init?(fallback: String) {
        switch fallback {
        case "code": self = .code
        case "category": self = .category
        default: return nil
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
