/// What to check besides the domain itself.
public struct DomainCheckOptions: Sendable, Hashable {
    /// The sending server's address: SPF evaluation, PTR and DNSBL checks need it.
    public var ip: IPAddress?
    /// DKIM selectors to look up; when empty, `commonSelectors` are tried.
    public var selectors: [String]
    /// The selectors tried when none is given: the defaults of known mail services, from the knowledge base
    /// (`Rules/domain-checks.yaml`).
    public var commonSelectors: [String]
    /// DNS blocklist zones asked about `ip`.
    public var blocklists: [String]
    /// How MTA-STS policies are fetched.
    public var policyFetch: PolicyFetchConfiguration
    /// How the certificates of MX hosts with TLSA records are fetched.
    public var mxCertificates: MXCertificateFetcher

    /// Widely used public blocklists, asked when no zone is given.
    public static let defaultBlocklists = ["zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org"]

    /// Creates options.
    public init(
        ip: IPAddress? = nil, selectors: [String] = [], commonSelectors: [String] = [],
        blocklists: [String] = Self.defaultBlocklists, policyFetch: PolicyFetchConfiguration = .init(),
        mxCertificates: MXCertificateFetcher = .init()
    ) {
        self.ip = ip
        self.selectors = selectors
        self.commonSelectors = commonSelectors
        self.blocklists = blocklists
        self.policyFetch = policyFetch
        self.mxCertificates = mxCertificates
    }
}
