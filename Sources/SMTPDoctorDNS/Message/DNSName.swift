/// A domain name as a list of labels, checked against the limits of RFC 1035 (63 bytes a label, 255 in all).
///
/// Comparison ignores ASCII case, as DNS does.
public struct DNSName: Sendable, Hashable, CustomStringConvertible {
    /// The labels, leftmost first, without the empty root label.
    public let labels: [String]

    /// Creates a name from labels already checked by the decoder.
    init(labels: [String]) {
        self.labels = labels
    }

    /// Parses a name such as `mail.example.com` or `example.com.`.
    ///
    /// - Throws: `DNSNameError` when a label is empty or longer than 63 bytes, the name is longer than 255 bytes on
    ///   the wire, or it holds a space or control character.
    public init(_ text: String) throws(DNSNameError) {
        var trimmed = Substring(text)
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        guard !trimmed.isEmpty else {
            labels = []
            return
        }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var wireLength = 1
        for part in parts {
            guard !part.isEmpty else { throw DNSNameError(text: text, reason: "it has an empty label") }
            guard part.utf8.count <= 63 else {
                throw DNSNameError(text: text, reason: "the label '\(part.prefix(20))…' is longer than 63 bytes")
            }
            guard part.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 }) else {
                throw DNSNameError(text: text, reason: "it holds a space, a control or a non-ASCII character")
            }
            wireLength += part.utf8.count + 1
        }
        guard wireLength <= 255 else { throw DNSNameError(text: text, reason: "it is longer than 255 bytes") }
        labels = parts
    }

    /// The root name `.`.
    public static let root = DNSName(labels: [])

    /// The name with `prefix` labels put in front, such as `_dmarc` before `example.com`.
    public func prepending(_ prefix: String) throws(DNSNameError) -> DNSName {
        try DNSName(labels.isEmpty ? prefix : prefix + "." + description)
    }

    /// The name without its leftmost label, or nil at the root.
    public var parent: DNSName? {
        labels.isEmpty ? nil : DNSName(labels: Array(labels.dropFirst()))
    }

    /// Whether this name is `other` or lies below it.
    public func isSubdomain(of other: DNSName) -> Bool {
        guard labels.count >= other.labels.count else { return false }
        return DNSName(labels: Array(labels.suffix(other.labels.count))) == other
    }

    /// The name in the wire format, without compression.
    var wireBytes: [UInt8] {
        var bytes: [UInt8] = []
        for label in labels {
            bytes.append(UInt8(label.utf8.count))
            bytes.append(contentsOf: label.utf8)
        }
        bytes.append(0)
        return bytes
    }

    public var description: String { labels.isEmpty ? "." : labels.joined(separator: ".") }

    // MARK: - Hashable

    public static func == (lhs: DNSName, rhs: DNSName) -> Bool {
        lhs.labels.map { $0.lowercased() } == rhs.labels.map { $0.lowercased() }
    }

    public func hash(into hasher: inout Hasher) {
        for label in labels { hasher.combine(label.lowercased()) }
    }
}

/// A text that is not a valid domain name, with the reason.
public struct DNSNameError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text given.
    public var text: String
    /// Why it is not a name.
    public var reason: String

    public var description: String { "'\(text.prefix(80))' is not a valid domain name: \(reason)" }
}
