extension DomainChecker {
    /// TLS-RPT (RFC 8460): the `_smtp._tls` TXT record, its syntax and its `rua` destinations.
    func checkTLSRPT(_ domain: DNSName, into report: inout DomainCheckReport) async {
        guard let name = try? domain.prepending("_smtp._tls") else { return }
        let lookup = await resolver.lookup(name, .txt)
        if let failure = lookup.failure {
            report.add("domain.tls-rpt", "lookup-failed")
            report.found("tls-rpt", .error, "The lookup of \(name) failed: \(failure).")
            return
        }
        let records = lookup.texts.filter { $0.hasPrefix("v=TLSRPTv1") }
        guard !records.isEmpty else {
            report.add("domain.tls-rpt", "none")
            report.found("tls-rpt", .info, "No TLS-RPT record at \(name): nobody receives reports of TLS failures.")
            return
        }
        guard records.count == 1 else {
            report.add("domain.tls-rpt", "invalid")
            report.found(
                "tls-rpt", .problem, "\(records.count) TLS-RPT records; senders use none of them.",
                records: lookup.lines)
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
            let why =
                destinations.isEmpty
                ? "it has no rua= destination"
                : "rua= must list mailto: or https: addresses, not \(bad.joined(separator: ", "))"
            report.found("tls-rpt", .problem, "The TLS-RPT record is invalid: \(why).", records: lookup.lines)
            return
        }
        report.add("domain.tls-rpt", "ok")
        report.found(
            "tls-rpt", .ok, "TLS-RPT reports go to \(destinations.joined(separator: ", ")).", records: lookup.lines)
    }
}
