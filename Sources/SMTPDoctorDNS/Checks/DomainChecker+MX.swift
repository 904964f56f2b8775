import SMTPDoctorCore

extension DomainChecker {
    /// MX: present, null MX (RFC 7505), each exchanger resolves, no CNAME or IP literal, the implicit A fallback.
    func checkMX(_ domain: DNSName, into report: inout DomainCheckReport) async {
        let lookup = await resolver.lookup(domain, .mx)
        switch lookup.outcome {
        case .failure(let why):
            report.add("domain.mx", "lookup-failed")
            report.observe("mx", ["domain.mx": .string("lookup-failed"), "domain.finding.failure": .string(why)])
            return
        case .nameError:
            report.add("domain.mx", "nxdomain")
            report.observe("mx", ["domain.mx": .string("nxdomain"), "domain.finding.domain": .string("\(domain)")])
            return
        case .noData:
            let v4 = await resolver.lookup(domain, .a)
            let v6 = await resolver.lookup(domain, .aaaa)
            let fallback = !(v4.addresses + v6.addresses).isEmpty
            report.add("domain.mx", "missing")
            report.add("domain.mx.implicit-address", fallback)
            report.observe(
                "mx",
                [
                    "domain.mx": .string("missing"), "domain.mx.implicit-address": .bool(fallback),
                    "domain.finding.domain": .string("\(domain)"),
                ], records: v4.lines + v6.lines)
            return
        case .records(let records):
            let exchanges = records.compactMap { record -> (UInt16, DNSName)? in
                if case .mx(let preference, let exchange) = record.data { return (preference, exchange) }
                return nil
            }.sorted { $0.0 < $1.0 }
            if exchanges.contains(where: { $0.1 == .root }) {
                report.add("domain.mx", "null")
                report.observe(
                    "mx",
                    [
                        "domain.mx": .string("null"), "domain.mx.count": .int(exchanges.count),
                        "domain.finding.domain": .string("\(domain)"),
                    ], records: lookup.lines)
                return
            }
            report.add("domain.mx", "present")
            report.add("domain.mx.count", exchanges.count)
            report.add("domain.mx.hosts", exchanges.map { $0.1.description.lowercased() }.joined(separator: " "))
            report.observe(
                "mx", ["domain.mx": .string("present"), "domain.mx.count": .int(exchanges.count)], records: lookup.lines
            )
            var unresolvable = 0
            var aliases = 0
            var literals = 0
            for (_, host) in exchanges.prefix(20) {
                if host.labels.count == 4, host.labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
                    literals += 1
                    report.observe(
                        "mx",
                        [
                            "domain.finding.observed": .string("mx-ip-literal"),
                            "domain.finding.host": .string("\(host)"),
                        ])
                    continue
                }
                let v4 = await resolver.lookup(host, .a)
                let v6 = await resolver.lookup(host, .aaaa)
                if !(v4.cnames + v6.cnames).isEmpty {
                    aliases += 1
                    report.observe(
                        "mx",
                        ["domain.finding.observed": .string("mx-alias"), "domain.finding.host": .string("\(host)")],
                        records: v4.cnames.map(\.description))
                }
                if (v4.addresses + v6.addresses).isEmpty {
                    unresolvable += 1
                    var facts: [String: FactValue] = [
                        "domain.finding.observed": .string("mx-unresolvable"),
                        "domain.finding.host": .string("\(host)"),
                    ]
                    if let why = v4.failure ?? v6.failure { facts["domain.finding.failure"] = .string(why) }
                    report.observe("mx", facts)
                }
            }
            report.add("domain.mx.unresolvable", unresolvable)
            report.add("domain.mx.cname", aliases > 0)
            report.add("domain.mx.ip-literal", literals > 0)
        }
    }
}
