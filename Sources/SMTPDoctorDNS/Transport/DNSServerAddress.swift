/// A DNS server to ask: an IP address and a port (53 unless given).
public struct DNSServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The server's IP address.
    public var host: String
    /// The port.
    public var port: Int

    /// Creates a server address.
    public init(host: String, port: Int = 53) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST`, `HOST:PORT`, `[IPv6]:PORT` or a bare IPv6 address.
    ///
    /// - Throws: `DNSConfigurationError` when the host is not an IP address or the port is not 1–65535.
    public init(parsing text: String) throws(DNSConfigurationError) {
        var host = text
        var port = 53
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let value = Int(rest.dropFirst()) else { throw .init("'\(text)': the port is not a number") }
                port = value
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            guard let value = Int(text[text.index(after: colon)...]) else {
                throw .init("'\(text)': the port is not a number")
            }
            port = value
        }
        guard IPAddress(host) != nil else {
            throw .init("'\(text)': give the DNS server as an IP address, such as 127.0.0.1:5353 or [::1]:53")
        }
        guard (1...65535).contains(port) else { throw .init("'\(text)': the port must be from 1 to 65535") }
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A resolver setting that cannot be used, with what to do instead.
public struct DNSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    public var message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
