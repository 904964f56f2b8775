/// One thing a domain check found: which check, how it stands, in words, and the records it read.
public struct DomainFinding: Sendable, Hashable {
    /// How a finding stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// As it should be.
        case ok
        /// Works, but weak or risky.
        case warning
        /// Broken or missing: mail is affected.
        case problem
        /// The check could not run (a lookup failed).
        case error
        /// Information only.
        case info
    }

    /// The check: mx, spf, dmarc, dkim, ptr, dnsbl, tls-rpt.
    public var check: String
    /// How it stands.
    public var status: Status
    /// What was found, in one sentence.
    public var detail: String
    /// The DNS records read, as zone-file lines.
    public var records: [String]

    /// Creates a finding.
    public init(check: String, status: Status, detail: String, records: [String] = []) {
        self.check = check
        self.status = status
        self.detail = detail
        self.records = records
    }
}
