extension DomainChecker {
    /// Reverse DNS of the sending address: a PTR record whose name resolves back to the address.
    func checkPTR(_ ip: IPAddress, into report: inout DomainCheckReport) async {
        guard let reverse = try? DNSName(ip.reverseName) else { return }
        let lookup = await resolver.lookup(reverse, .ptr)
        if let failure = lookup.failure {
            report.add("domain.ptr", "lookup-failed")
            report.found("ptr", .error, "The PTR lookup failed: \(failure).")
            return
        }
        let names = lookup.records.compactMap { record -> DNSName? in
            if case .name(let name) = record.data { return name } else { return nil }
        }
        guard !names.isEmpty else {
            report.add("domain.ptr", "missing")
            report.found("ptr", .problem, "\(ip) has no PTR record (no reverse DNS).")
            return
        }
        report.add("domain.ptr.name", names[0].description.lowercased())
        for name in names.prefix(10) {
            let forward = await resolver.lookup(name, ip.isIPv4 ? .a : .aaaa)
            if forward.addresses.contains(ip) {
                report.add("domain.ptr", "confirmed")
                report.found(
                    "ptr", .ok, "\(ip) → \(name) → \(ip): forward-confirmed.", records: lookup.lines + forward.lines)
                return
            }
        }
        report.add("domain.ptr", "not-confirmed")
        report.found(
            "ptr", .problem, "\(ip) → \(names[0]), but that name does not resolve back to \(ip).", records: lookup.lines
        )
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
                report.found("dnsbl", .error, "\(zone): the lookup failed: \(failure).")
                continue
            }
            let codes = lookup.addresses
            guard !codes.isEmpty else { continue }
            // 127.255.255.0/24 is how lists answer a query they refuse (an open resolver, a quota), not a listing.
            if codes.allSatisfy({ $0.isIPv4 && $0.bytes[0...2] == [127, 255, 255] }) {
                refused += 1
                report.found(
                    "dnsbl", .error,
                    "\(zone) refused the query (\(codes.map(\.description).joined(separator: ", "))); "
                        + "ask it through your own resolver, not a public one.", records: lookup.lines)
            } else if codes.allSatisfy({ $0.isIPv4 && $0.bytes[0] == 127 }) {
                listed.append(zone)
                let reason = await resolver.lookup(name, .txt).texts.first.map { ": \($0)" } ?? ""
                report.found("dnsbl", .problem, "\(ip) is listed in \(zone)\(reason).", records: lookup.lines)
            } else {
                failed += 1
                report.found(
                    "dnsbl", .error, "\(zone) answered with an address outside 127.0.0.0/8.", records: lookup.lines)
            }
        }
        let state = !listed.isEmpty ? "listed" : refused > 0 ? "refused" : failed > 0 ? "lookup-failed" : "clean"
        report.add("domain.dnsbl", state)
        report.add("domain.dnsbl.listings", listed.count)
        if !listed.isEmpty { report.add("domain.dnsbl.zones", listed.joined(separator: " ")) }
        if state == "clean" {
            report.found("dnsbl", .ok, "\(ip) is not listed in \(options.blocklists.joined(separator: ", ")).")
        }
    }
}
