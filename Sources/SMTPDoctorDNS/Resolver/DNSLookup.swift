/// What one lookup found: records, no data, no such name, or a failure, with the CNAMEs followed on the way.
public struct DNSLookup: Sendable, Hashable {
    /// The outcome of a lookup.
    public enum Outcome: Sendable, Hashable {
        /// Records of the type asked for (after any CNAMEs).
        case records([DNSRecord])
        /// The name exists but has no record of the type.
        case noData
        /// The name does not exist (NXDOMAIN).
        case nameError
        /// No usable answer: SERVFAIL, REFUSED, a timeout, a malformed reply, a CNAME loop or the deadline.
        case failure(String)
    }

    /// The name asked for.
    public var name: DNSName
    /// The type asked for.
    public var type: DNSRecordType
    /// The outcome.
    public var outcome: Outcome
    /// The CNAME records followed from `name`, in order.
    public var cnames: [DNSRecord] = []
    /// Whether the resolver set the AD bit (DNSSEC-validated) on the final answer.
    public var authenticated = false

    /// The records, empty unless the lookup found some.
    public var records: [DNSRecord] {
        if case .records(let records) = outcome { return records }
        return []
    }

    /// Whether the lookup found nothing without failing (no data or no such name): a "void lookup" in SPF's words.
    public var isVoid: Bool {
        switch outcome {
        case .noData, .nameError: return true
        case .records, .failure: return false
        }
    }

    /// The failure's message, if the lookup failed.
    public var failure: String? {
        if case .failure(let message) = outcome { return message }
        return nil
    }

    /// The texts of the TXT records found.
    public var texts: [String] { records.compactMap(\.text) }

    /// The addresses of the A or AAAA records found.
    public var addresses: [IPAddress] {
        records.compactMap { if case .address(let address) = $0.data { return address } else { return nil } }
    }

    /// Every record seen, CNAMEs first, as zone-file lines.
    public var lines: [String] { (cnames + records).map(\.description) }
}
