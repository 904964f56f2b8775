/// The address `serve` listens on, such as `127.0.0.1:8025` or `[::1]:8025`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// Parses `HOST:PORT`; an IPv6 host is written in brackets.
    ///
    /// - Returns: nil when the text is not a host and a port from 0 to 65535.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0 == "[" || $0 == "]" || $0.isWhitespace }) else { return nil }
        self.host = host
        self.port = port
    }

    /// Whether only this machine can reach the address (127.0.0.0/8, ::1 or localhost).
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        guard let bytes = IPAddressBytes(host), bytes.count == 4 else { return false }
        return bytes[0] == 127
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
