/// What fetching an MTA-STS policy over HTTPS gave.
public enum PolicyFetchOutcome: Sendable, Hashable {
    /// An HTTP response: its status code and body.
    case response(status: Int, body: String)
    /// The TLS handshake failed: the certificate is untrusted, expired or for another name, or TLS broke.
    case certificateRejected(String)
    /// No response: the server could not be reached, timed out, sent too much or garbage.
    case failed(String)
}
