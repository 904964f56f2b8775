/// The value of one fact: a number, a word or text, or yes/no.
///
/// Strings are kept as given; comparisons with rule values are case-insensitive (see `Condition`).
public enum FactValue: Sendable, Hashable {
    case int(Int)
    case string(String)
    case bool(Bool)

    /// The value as a number, when it is one.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The value as text, when it is text.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

// MARK: - CustomStringConvertible

extension FactValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .string(let value): return value
        case .bool(let value): return value ? "yes" : "no"
        }
    }
}
