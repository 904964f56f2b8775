import SMTPDoctorCore

extension DomainChecker {
    /// DMARC: the record at the domain or its organisational domain, its syntax and tags, and the authorisation
    /// records that report addresses in another domain need (RFC 7489 section 7.1).
    func checkDMARC(_ domain: DNSName, into report: inout DomainCheckReport) async {
        var policyDomain = domain
        var records: [String] = []
        var lines: [String] = []
        while true {
            guard let name = try? policyDomain.prepending("_dmarc") else { break }
            let lookup = await resolver.lookup(name, .txt)
            if let failure = lookup.failure {
                report.add("domain.dmarc", "lookup-failed")
                report.observe(
                    "dmarc", ["domain.dmarc": .string("lookup-failed"), "domain.finding.failure": .string(failure)])
                return
            }
            records = lookup.texts.filter { $0.lowercased().hasPrefix("v=dmarc1") }
            lines = lookup.lines
            guard records.isEmpty, let parent = policyDomain.parent, parent.labels.count >= 2 else { break }
            policyDomain = parent
        }
        guard let text = records.first else {
            report.add("domain.dmarc", "missing")
            report.observe(
                "dmarc", ["domain.dmarc": .string("missing"), "domain.finding.domain": .string("\(domain)")])
            return
        }
        guard records.count == 1 else {
            report.add("domain.dmarc", "multiple")
            report.observe(
                "dmarc",
                [
                    "domain.dmarc": .string("multiple"), "domain.finding.name": .string("\(policyDomain)"),
                    "domain.finding.count": .int(records.count),
                ], records: lines)
            return
        }
        let tags = TagList(text)
        if let problem = Self.dmarcProblem(tags) {
            report.add("domain.dmarc", "syntax-error")
            report.observe(
                "dmarc", ["domain.dmarc": .string("syntax-error"), "domain.finding.problem": .string(problem)],
                records: lines)
            return
        }
        let policy = tags["p"]?.lowercased() ?? "none"
        report.add("domain.dmarc", "ok")
        report.add("domain.dmarc.inherited", policyDomain != domain)
        report.add("domain.dmarc.policy", policy)
        report.add("domain.dmarc.subdomain-policy", tags["sp"]?.lowercased() ?? policy)
        report.add("domain.dmarc.pct", Int(tags["pct"] ?? "100") ?? 100)
        report.add("domain.dmarc.adkim", tags["adkim"]?.lowercased() ?? "r")
        report.add("domain.dmarc.aspf", tags["aspf"]?.lowercased() ?? "r")
        report.add("domain.dmarc.rua", tags["rua"] != nil)
        report.observe(
            "dmarc",
            [
                "domain.dmarc": .string("ok"), "domain.dmarc.policy": .string(policy),
                "domain.dmarc.inherited": .bool(policyDomain != domain),
                "domain.finding.name": .string("\(policyDomain)"),
            ], records: lines)
        var unauthorised: [String] = []
        for uri in [tags["rua"], tags["ruf"]].compactMap({ $0 }).flatMap({ $0.split(separator: ",") }) {
            let address = uri.trimmingWhitespace.dropFirst("mailto:".count).split(separator: "!").first ?? ""
            guard let at = address.lastIndex(of: "@"),
                let target = try? DNSName(String(address[address.index(after: at)...]))
            else { continue }
            if target.isSubdomain(of: policyDomain) || policyDomain.isSubdomain(of: target) { continue }
            guard let name = try? target.prepending("\(policyDomain)._report._dmarc") else { continue }
            let authorisation = await resolver.lookup(name, .txt)
            if !authorisation.texts.contains(where: { $0.lowercased().hasPrefix("v=dmarc1") }) {
                unauthorised.append(String(address))
            }
        }
        report.add("domain.dmarc.external-unauthorised", !unauthorised.isEmpty)
        if !unauthorised.isEmpty {
            report.observe(
                "dmarc",
                [
                    "domain.dmarc.external-unauthorised": .bool(true),
                    "domain.finding.list": .string(unauthorised.joined(separator: ", ")),
                    "domain.finding.name": .string("\(policyDomain)"),
                ])
        }
    }

    /// What is wrong with a DMARC tag list, or nil.
    static func dmarcProblem(_ tags: TagList) -> String? {
        guard tags.tags.first?.name == "v", tags.tags.first?.value == "DMARC1" else {
            return "the first tag must be v=DMARC1"
        }
        if let duplicate = tags.duplicate { return "the tag \(duplicate) appears twice" }
        let policies = ["none", "quarantine", "reject"]
        guard let policy = tags["p"] else { return "the required tag p= is missing" }
        guard policies.contains(policy.lowercased()) else { return "p=\(policy) is not none, quarantine or reject" }
        for tag in ["sp", "np"] {
            if let value = tags[tag], !policies.contains(value.lowercased()) {
                return "\(tag)=\(value) is not none, quarantine or reject"
            }
        }
        if let pct = tags["pct"], Int(pct).map({ (0...100).contains($0) }) != true {
            return "pct=\(pct) is not a number from 0 to 100"
        }
        for tag in ["adkim", "aspf"] {
            if let value = tags[tag], !["r", "s"].contains(value.lowercased()) {
                return "\(tag)=\(value) is not r or s"
            }
        }
        for tag in ["rua", "ruf"] {
            guard let value = tags[tag] else { continue }
            for uri in value.split(separator: ",") {
                let trimmed = uri.trimmingWhitespace.lowercased()
                guard trimmed.hasPrefix("mailto:") && trimmed.contains("@") || trimmed.hasPrefix("https://") else {
                    return "\(tag) holds '\(uri.prefix(60))', which is not a mailto: or https: address"
                }
            }
        }
        return nil
    }
}
