import SMTPDoctorCore

extension DomainChecker {
    /// MTA-STS (RFC 8461): the `_mta-sts` TXT record, the policy fetched over HTTPS with a validated certificate,
    /// its mode and max_age, and whether every MX matches the policy's `mx` patterns.
    func checkMTASTS(_ domain: DNSName, into report: inout DomainCheckReport) async {
        guard let recordName = try? domain.prepending("_mta-sts"), let policyHost = try? domain.prepending("mta-sts")
        else { return }
        let lookup = await resolver.lookup(recordName, .txt)
        if let failure = lookup.failure {
            report.add("domain.mta-sts", "lookup-failed")
            report.observe("mta-sts", Self.lookupFailure(of: recordName, failure))
            return
        }
        let records = lookup.texts.filter { $0.hasPrefix("v=STSv1") }
        guard !records.isEmpty else {
            report.add("domain.mta-sts", "none")
            report.observe(
                "mta-sts", ["domain.mta-sts": .string("none"), "domain.finding.name": .string("\(recordName)")])
            return
        }
        guard records.count == 1 else {
            report.add("domain.mta-sts", "record-invalid")
            report.observe(
                "mta-sts",
                [
                    "domain.mta-sts": .string("record-invalid"), "domain.finding.observed": .string("records-multiple"),
                    "domain.finding.count": .int(records.count),
                ], records: lookup.lines)
            return
        }
        let id = TagList(records[0])["id"] ?? ""
        guard (1...32).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            report.add("domain.mta-sts", "record-invalid")
            report.observe(
                "mta-sts",
                [
                    "domain.mta-sts": .string("record-invalid"),
                    "domain.finding.observed": .string("mta-sts-id-invalid"),
                ],
                records: lookup.lines)
            return
        }
        guard let policy = await fetchPolicy(policyHost, records: lookup.lines, into: &report) else { return }
        report.add("domain.mta-sts.mode", policy.mode?.rawValue ?? "none")
        if let maxAge = policy.maxAge { report.add("domain.mta-sts.max-age", maxAge) }
        let hosts = await mxHosts(domain)
        let unmatched = hosts.filter { !policy.allows($0.description) }
        report.add("domain.mta-sts", "ok")
        report.add("domain.mta-sts.mx-unmatched", unmatched.count)
        let policyLines =
            ["mode: \(policy.mode?.rawValue ?? "none")", "max_age: \(policy.maxAge ?? 0)"]
            + policy.mxPatterns.map { "mx: \($0)" }
        report.observe(
            "mta-sts",
            [
                "domain.mta-sts": .string("ok"), "domain.mta-sts.mode": .string(policy.mode?.rawValue ?? "none"),
                "domain.mta-sts.max-age": .int(policy.maxAge ?? 0),
                "domain.mta-sts.mx-unmatched": .int(unmatched.count),
                "domain.finding.list": .string(unmatched.map(\.description).joined(separator: ", ")),
            ], records: lookup.lines + policyLines)
        if let maxAge = policy.maxAge {
            report.observe(
                "mta-sts",
                [
                    "domain.finding.observed": .string("mta-sts-max-age"),
                    "domain.mta-sts.mode": .string(policy.mode?.rawValue ?? "none"),
                    "domain.mta-sts.max-age": .int(maxAge),
                ])
        }
    }

    /// The policy from `https://mta-sts.<domain>/.well-known/mta-sts.txt`, or nil after reporting why not.
    private func fetchPolicy(_ host: DNSName, records: [String], into report: inout DomainCheckReport) async
        -> MTASTSPolicy?
    {
        let v4 = await resolver.lookup(host, .a)
        let v6 = await resolver.lookup(host, .aaaa)
        guard let address = (v4.addresses + v6.addresses).first else {
            report.add("domain.mta-sts", "policy-unavailable")
            report.observe(
                "mta-sts",
                [
                    "domain.mta-sts": .string("policy-unavailable"),
                    "domain.finding.observed": .string("policy-host-unresolvable"),
                    "domain.finding.host": .string("\(host)"),
                ], records: records)
            return nil
        }
        let url = "https://\(host)\(HTTPSPolicyFetcher.path)"
        var configuration = options.policyFetch
        configuration.timeout = min(configuration.timeout, await resolver.timeLeft)
        guard configuration.timeout > .zero else {
            report.add("domain.mta-sts", "policy-unavailable")
            report.observe(
                "mta-sts",
                [
                    "domain.mta-sts": .string("policy-unavailable"),
                    "domain.finding.observed": .string("deadline-passed"),
                    "domain.finding.url": .string(url),
                ])
            return nil
        }
        switch await HTTPSPolicyFetcher(configuration: configuration).fetch(host: host.description, address: address)
        {
        case .certificateRejected(let why):
            report.add("domain.mta-sts", "certificate-invalid")
            report.observe(
                "mta-sts",
                [
                    "domain.mta-sts": .string("certificate-invalid"), "domain.finding.host": .string("\(host)"),
                    "domain.finding.failure": .string(why),
                ], records: records)
            return nil
        case .failed(let why):
            report.add("domain.mta-sts", "policy-unavailable")
            report.observe(
                "mta-sts",
                [
                    "domain.mta-sts": .string("policy-unavailable"), "domain.finding.observed": .string("fetch-failed"),
                    "domain.finding.url": .string(url), "domain.finding.failure": .string(why),
                ], records: records)
            return nil
        case .response(let status, let body):
            guard status == 200 else {
                report.add("domain.mta-sts", "policy-unavailable")
                report.observe(
                    "mta-sts",
                    [
                        "domain.mta-sts": .string("policy-unavailable"),
                        "domain.finding.observed": .string("http-status"),
                        "domain.finding.url": .string(url), "domain.finding.http-status": .int(Int(status)),
                    ], records: records)
                return nil
            }
            let policy = MTASTSPolicy(parsing: body)
            guard policy.problems.isEmpty else {
                report.add("domain.mta-sts", "policy-invalid")
                report.observe(
                    "mta-sts",
                    [
                        "domain.mta-sts": .string("policy-invalid"), "domain.finding.url": .string(url),
                        "domain.finding.problem": .string(policy.problems.joined(separator: "; ")),
                    ], records: records)
                return nil
            }
            return policy
        }
    }

    /// The domain's MX hosts, best preference first (the resolver has them cached from the MX check).
    func mxHosts(_ domain: DNSName) async -> [DNSName] {
        let lookup = await resolver.lookup(domain, .mx)
        return lookup.records.compactMap { record -> (UInt16, DNSName)? in
            if case .mx(let preference, let exchange) = record.data, exchange != .root { return (preference, exchange) }
            return nil
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
