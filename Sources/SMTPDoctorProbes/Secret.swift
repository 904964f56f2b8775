/// A password or token that never shows itself.
///
/// Why a type and not a `String`: string interpolation, `print`, `dump` and `debugPrint` all reach a value's
/// description, so a secret kept in a `String` ends up in a transcript sooner or later. `Secret` describes itself as
/// `<redacted>` everywhere; only the SASL encoder reads the value, through ``withRevealed(_:)``.
public struct Secret: Sendable, Hashable {
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.value = value
    }

    /// Whether the secret is empty (an empty password file, an unset variable).
    public var isEmpty: Bool { value.isEmpty }

    /// Gives the value to `body` and nothing else.
    ///
    /// - Parameters:
    ///   - body: a closure that encodes the value for the wire; it must not store or print it.
    /// - Returns: what `body` returns.
    public func withRevealed<T>(_ body: (String) throws -> T) rethrows -> T {
        try body(value)
    }
}

// MARK: - CustomStringConvertible

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
