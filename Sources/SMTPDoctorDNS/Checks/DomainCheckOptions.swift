/// What to check besides the domain itself.
public struct DomainCheckOptions: Sendable, Hashable {
    /// The sending server's address: SPF evaluation, PTR and DNSBL checks need it.
    public var ip: IPAddress?
    /// DKIM selectors to look up; when empty, `commonSelectors` are tried.
    public var selectors: [String]
    /// DNS blocklist zones asked about `ip`.
    public var blocklists: [String]

    /// Selectors that mail services document as their defaults (selector1/selector2, google, s1/s2, k1 …), tried
    /// when none is given.
    public static let commonSelectors = [
        "selector1", "selector2", "google", "default", "s1", "s2", "k1", "k2", "dkim", "mail", "smtp", "mandrill",
    ]

    /// Widely used public blocklists, asked when no zone is given.
    public static let defaultBlocklists = ["zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org"]

    /// Creates options.
    public init(ip: IPAddress? = nil, selectors: [String] = [], blocklists: [String] = Self.defaultBlocklists) {
        self.ip = ip
        self.selectors = selectors
        self.blocklists = blocklists
    }
}
