import SMTPDoctorCore

extension DomainChecker {
    /// TLS-RPT (RFC 8460): the `_smtp._tls` TXT record, its syntax and its `rua` destinations.
    func checkTLSRPT(_ domain: DNSName, into report: inout DomainCheckReport) async {
        guard let name = try? domain.prepending("_smtp._tls") else { return }
        let lookup = await resolver.lookup(name, .txt)
        if let failure = lookup.failure {
            report.add("domain.tls-rpt", "lookup-failed")
            report.observe("tls-rpt", Self.lookupFailure(of: name, failure))
            return
        }
        let records = lookup.texts.filter { $0.hasPrefix("v=TLSRPTv1") }
        guard !records.isEmpty else {
            report.add("domain.tls-rpt", "none")
            report.observe("tls-rpt", ["domain.tls-rpt": .string("none"), "domain.finding.name": .string("\(name)")])
            return
        }
        guard records.count == 1 else {
            report.add("domain.tls-rpt", "invalid")
            report.observe(
                "tls-rpt",
                [
                    "domain.tls-rpt": .string("invalid"), "domain.finding.observed": .string("records-multiple"),
                    "domain.finding.count": .int(records.count),
                ], records: lookup.lines)
            return
        }
        let tags = TagList(records[0])
        let destinations = (tags["rua"] ?? "").split(separator: ",").map { $0.trimmingWhitespace }
        let bad = destinations.filter { uri in
            let lower = uri.lowercased()
            return !(lower.hasPrefix("mailto:") && uri.contains("@")) && !lower.hasPrefix("https://")
        }
        guard tags.tags.first?.name == "v", !destinations.isEmpty, bad.isEmpty else {
            report.add("domain.tls-rpt", "invalid")
            report.observe(
                "tls-rpt",
                [
                    "domain.tls-rpt": .string("invalid"),
                    "domain.finding.observed": .string(destinations.isEmpty ? "no-destination" : "bad-destination"),
                    "domain.finding.list": .string(bad.joined(separator: ", ")),
                ], records: lookup.lines)
            return
        }
        report.add("domain.tls-rpt", "ok")
        report.observe(
            "tls-rpt",
            ["domain.tls-rpt": .string("ok"), "domain.finding.list": .string(destinations.joined(separator: ", "))],
            records: lookup.lines)
    }
}
