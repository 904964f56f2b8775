/// How MTA-STS policy files are fetched: whom to trust, how long to wait, how much to read.
///
/// The host name always comes from the domain (`mta-sts.<domain>`) and its address from DNS; the certificate is
/// always validated against that name. Only the port can be changed, so that tests can serve policies from an
/// unprivileged port; it is not offered on the command line.
public struct PolicyFetchConfiguration: Sendable, Hashable {
    /// PEM certificates trusted in addition to the system's roots (`--mta-sts-ca`), such as a private test CA.
    public var additionalTrustRootsPEM: String?
    /// The HTTPS port: 443 (RFC 8461); tests use another.
    public var port: Int
    /// How long connecting, the handshake and the whole response may take.
    public var timeout: Duration
    /// The largest response read; RFC 8461 section 3.3 suggests 64 KiB for the policy.
    public var maximumBytes: Int

    /// Creates a configuration.
    public init(
        additionalTrustRootsPEM: String? = nil, port: Int = 443, timeout: Duration = .seconds(10),
        maximumBytes: Int = 65_536
    ) {
        self.additionalTrustRootsPEM = additionalTrustRootsPEM
        self.port = port
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }
}
