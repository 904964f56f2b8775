import SMTPDoctorCore

extension DomainChecker {
    /// Reverse DNS of the sending address: a PTR record whose name resolves back to the address.
    func checkPTR(_ ip: IPAddress, into report: inout DomainCheckReport) async {
        guard let reverse = try? DNSName(ip.reverseName) else { return }
        let lookup = await resolver.lookup(reverse, .ptr)
        if let failure = lookup.failure {
            report.add("domain.ptr", "lookup-failed")
            report.observe("ptr", ["domain.ptr": .string("lookup-failed"), "domain.finding.failure": .string(failure)])
            return
        }
        let names = lookup.records.compactMap { record -> DNSName? in
            if case .name(let name) = record.data { return name } else { return nil }
        }
        guard !names.isEmpty else {
            report.add("domain.ptr", "missing")
            report.observe("ptr", ["domain.ptr": .string("missing"), "domain.finding.ip": .string("\(ip)")])
            return
        }
        report.add("domain.ptr.name", names[0].description.lowercased())
        for name in names.prefix(10) {
            let forward = await resolver.lookup(name, ip.isIPv4 ? .a : .aaaa)
            if forward.addresses.contains(ip) {
                report.add("domain.ptr", "confirmed")
                report.observe(
                    "ptr",
                    [
                        "domain.ptr": .string("confirmed"), "domain.finding.ip": .string("\(ip)"),
                        "domain.finding.host": .string("\(name)"),
                    ], records: lookup.lines + forward.lines)
                return
            }
        }
        report.add("domain.ptr", "not-confirmed")
        report.observe(
            "ptr",
            [
                "domain.ptr": .string("not-confirmed"), "domain.finding.ip": .string("\(ip)"),
                "domain.finding.host": .string("\(names[0])"),
            ], records: lookup.lines)
    }

    /// DNS blocklists: the address looked up in each zone; 127.255.255.x answers mean the list refused the query.
    func checkBlocklists(_ ip: IPAddress, into report: inout DomainCheckReport) async {
        var listed: [String] = []
        var refused = 0
        var failed = 0
        for zone in options.blocklists {
            guard let name = try? DNSName("\(ip.reversedLabels).\(zone)") else { continue }
            let lookup = await resolver.lookup(name, .a)
            if let failure = lookup.failure {
                failed += 1
                report.observe(
                    "dnsbl",
                    [
                        "domain.finding.observed": .string("lookup-failed"), "domain.finding.zone": .string(zone),
                        "domain.finding.failure": .string(failure),
                    ])
                continue
            }
            let codes = lookup.addresses
            guard !codes.isEmpty else { continue }
            // 127.255.255.0/24 is how lists answer a query they refuse (an open resolver, a quota), not a listing.
            if codes.allSatisfy({ $0.isIPv4 && $0.bytes[0...2] == [127, 255, 255] }) {
                refused += 1
                report.observe(
                    "dnsbl",
                    [
                        "domain.finding.observed": .string("blocklist-refused"), "domain.finding.zone": .string(zone),
                        "domain.finding.list": .string(codes.map(\.description).joined(separator: ", ")),
                    ], records: lookup.lines)
            } else if codes.allSatisfy({ $0.isIPv4 && $0.bytes[0] == 127 }) {
                listed.append(zone)
                var facts: [String: FactValue] = [
                    "domain.finding.observed": .string("blocklist-listed"), "domain.finding.ip": .string("\(ip)"),
                    "domain.finding.zone": .string(zone),
                ]
                if let reason = await resolver.lookup(name, .txt).texts.first {
                    facts["domain.finding.reason"] = .string(reason)
                }
                report.observe("dnsbl", facts, records: lookup.lines)
            } else {
                failed += 1
                report.observe(
                    "dnsbl",
                    [
                        "domain.finding.observed": .string("blocklist-unexpected-answer"),
                        "domain.finding.zone": .string(zone),
                    ],
                    records: lookup.lines)
            }
        }
        let state = !listed.isEmpty ? "listed" : refused > 0 ? "refused" : failed > 0 ? "lookup-failed" : "clean"
        report.add("domain.dnsbl", state)
        report.add("domain.dnsbl.listings", listed.count)
        if !listed.isEmpty { report.add("domain.dnsbl.zones", listed.joined(separator: " ")) }
        if state == "clean" {
            report.observe(
                "dnsbl",
                [
                    "domain.dnsbl": .string("clean"), "domain.finding.ip": .string("\(ip)"),
                    "domain.finding.list": .string(options.blocklists.joined(separator: ", ")),
                ])
        }
    }
}
