/// Sends one query to one server and returns the reply's bytes; a twin can stand in for it in tests.
public protocol DNSTransport: Sendable {
    /// Exchanges one message.
    ///
    /// - Parameters:
    ///   - query: the encoded query.
    ///   - server: the server to ask.
    ///   - overTCP: whether to use TCP (after a truncated UDP answer) instead of UDP.
    ///   - timeout: how long to wait for the reply.
    /// - Returns: the reply's bytes; for UDP the first datagram from the server whose id matches the query.
    /// - Throws: `DNSTransportError`.
    func exchange(_ query: [UInt8], with server: DNSServerAddress, overTCP: Bool, timeout: Duration) async throws
        -> [UInt8]
}

/// Why a query got no reply.
public enum DNSTransportError: Error, Sendable, Hashable {
    /// No reply in time.
    case timeout
    /// The server could not be reached or the connection broke.
    case unreachable(String)
    /// The TCP reply was longer than a DNS message may be, or cut off.
    case malformedStream
}
