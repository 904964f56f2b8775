extension DomainChecker {
    /// MX: present, null MX (RFC 7505), each exchanger resolves, no CNAME or IP literal, the implicit A fallback.
    func checkMX(_ domain: DNSName, into report: inout DomainCheckReport) async {
        let lookup = await resolver.lookup(domain, .mx)
        switch lookup.outcome {
        case .failure(let why):
            report.add("domain.mx", "lookup-failed")
            report.found("mx", .error, "The MX lookup failed: \(why).")
            return
        case .nameError:
            report.add("domain.mx", "nxdomain")
            report.found("mx", .problem, "\(domain) does not exist in DNS (NXDOMAIN).")
            return
        case .noData:
            let v4 = await resolver.lookup(domain, .a)
            let v6 = await resolver.lookup(domain, .aaaa)
            let fallback = !(v4.addresses + v6.addresses).isEmpty
            report.add("domain.mx", "missing")
            report.add("domain.mx.implicit-address", fallback)
            report.found(
                "mx", .problem,
                fallback
                    ? "No MX record; senders fall back to the domain's own address (implicit MX)."
                    : "No MX record and no address: nobody can deliver mail to \(domain).",
                records: v4.lines + v6.lines)
            return
        case .records(let records):
            let exchanges = records.compactMap { record -> (UInt16, DNSName)? in
                if case .mx(let preference, let exchange) = record.data { return (preference, exchange) }
                return nil
            }.sorted { $0.0 < $1.0 }
            if exchanges.contains(where: { $0.1 == .root }) {
                report.add("domain.mx", "null")
                report.found(
                    "mx", exchanges.count == 1 ? .info : .problem,
                    exchanges.count == 1
                        ? "Null MX (RFC 7505): \(domain) declares that it accepts no mail."
                        : "A null MX is published together with other MX records; RFC 7505 allows it only alone.",
                    records: lookup.lines)
                return
            }
            report.add("domain.mx", "present")
            report.add("domain.mx.count", exchanges.count)
            report.add("domain.mx.hosts", exchanges.map { $0.1.description.lowercased() }.joined(separator: " "))
            report.found("mx", .ok, "\(exchanges.count) MX record(s).", records: lookup.lines)
            var unresolvable = 0
            var aliases = 0
            var literals = 0
            for (_, host) in exchanges.prefix(20) {
                if host.labels.count == 4, host.labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
                    literals += 1
                    report.found(
                        "mx", .problem, "The MX \(host) is an IP address written as a name; an MX must name a host.")
                    continue
                }
                let v4 = await resolver.lookup(host, .a)
                let v6 = await resolver.lookup(host, .aaaa)
                if !(v4.cnames + v6.cnames).isEmpty {
                    aliases += 1
                    report.found(
                        "mx", .warning, "The MX \(host) is an alias (CNAME); RFC 5321 requires the host's own name.",
                        records: v4.cnames.map(\.description))
                }
                if (v4.addresses + v6.addresses).isEmpty {
                    unresolvable += 1
                    let why = v4.failure ?? v6.failure ?? "it has no A or AAAA record"
                    report.found("mx", .problem, "The MX \(host) does not resolve: \(why).")
                }
            }
            report.add("domain.mx.unresolvable", unresolvable)
            report.add("domain.mx.cname", aliases > 0)
            report.add("domain.mx.ip-literal", literals > 0)
        }
    }
}
