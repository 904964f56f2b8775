extension DomainChecker {
    /// MTA-STS (RFC 8461): the `_mta-sts` TXT record, the policy fetched over HTTPS with a validated certificate,
    /// its mode and max_age, and whether every MX matches the policy's `mx` patterns.
    func checkMTASTS(_ domain: DNSName, into report: inout DomainCheckReport) async {
        guard let recordName = try? domain.prepending("_mta-sts"), let policyHost = try? domain.prepending("mta-sts")
        else { return }
        let lookup = await resolver.lookup(recordName, .txt)
        if let failure = lookup.failure {
            report.add("domain.mta-sts", "lookup-failed")
            report.found("mta-sts", .error, "The lookup of \(recordName) failed: \(failure).")
            return
        }
        let records = lookup.texts.filter { $0.hasPrefix("v=STSv1") }
        guard !records.isEmpty else {
            report.add("domain.mta-sts", "none")
            report.found(
                "mta-sts", .info,
                "No MTA-STS record at \(recordName): senders may fall back to unencrypted delivery if TLS fails.")
            return
        }
        guard records.count == 1 else {
            report.add("domain.mta-sts", "record-invalid")
            report.found(
                "mta-sts", .problem, "\(records.count) MTA-STS records; RFC 8461 treats that as no policy.",
                records: lookup.lines)
            return
        }
        let id = TagList(records[0])["id"] ?? ""
        guard (1...32).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            report.add("domain.mta-sts", "record-invalid")
            report.found(
                "mta-sts", .problem, "The MTA-STS record's id= must be 1 to 32 letters or digits.",
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
        if !unmatched.isEmpty, policy.mode != MTASTSPolicy.Mode.none {
            let names = unmatched.map(\.description).joined(separator: ", ")
            report.found(
                "mta-sts", policy.mode == .enforce ? .problem : .warning,
                policy.mode == .enforce
                    ? "MTA-STS mode enforce, but the MX \(names) matches no mx line: senders refuse to deliver to it."
                    : "MTA-STS mode testing: the MX \(names) matches no mx line; enforce would stop delivery to it.",
                records: lookup.lines + policyLines)
        } else {
            report.found(
                "mta-sts", .ok,
                "MTA-STS policy mode \(policy.mode?.rawValue ?? "none"), max_age \(policy.maxAge ?? 0); every MX matches.",
                records: lookup.lines + policyLines)
        }
        if let maxAge = policy.maxAge, maxAge < Self.shortestUsefulMaxAge, policy.mode == .enforce {
            report.found(
                "mta-sts", .warning,
                "max_age \(maxAge) is under a day: senders forget the policy quickly (RFC 8461 suggests weeks).")
        }
    }

    /// A max_age shorter than a day leaves little protection between fetches.
    static let shortestUsefulMaxAge = 86_400

    /// The policy from `https://mta-sts.<domain>/.well-known/mta-sts.txt`, or nil after reporting why not.
    private func fetchPolicy(_ host: DNSName, records: [String], into report: inout DomainCheckReport) async
        -> MTASTSPolicy?
    {
        let v4 = await resolver.lookup(host, .a)
        let v6 = await resolver.lookup(host, .aaaa)
        guard let address = (v4.addresses + v6.addresses).first else {
            report.add("domain.mta-sts", "policy-unavailable")
            report.found(
                "mta-sts", .problem, "The policy host \(host) does not resolve, so no policy can be fetched.",
                records: records)
            return nil
        }
        let url = "https://\(host)\(HTTPSPolicyFetcher.path)"
        var configuration = options.policyFetch
        configuration.timeout = min(configuration.timeout, await resolver.timeLeft)
        guard configuration.timeout > .zero else {
            report.add("domain.mta-sts", "policy-unavailable")
            report.found("mta-sts", .error, "The overall deadline passed before \(url) could be fetched.")
            return nil
        }
        switch await HTTPSPolicyFetcher(configuration: configuration).fetch(host: host.description, address: address)
        {
        case .certificateRejected(let why):
            report.add("domain.mta-sts", "certificate-invalid")
            report.found(
                "mta-sts", .problem,
                "The certificate of \(host) did not validate (untrusted, expired or for another name): \(why).",
                records: records)
            return nil
        case .failed(let why):
            report.add("domain.mta-sts", "policy-unavailable")
            report.found("mta-sts", .problem, "\(url) could not be fetched: \(why).", records: records)
            return nil
        case .response(let status, let body):
            guard status == 200 else {
                report.add("domain.mta-sts", "policy-unavailable")
                report.found(
                    "mta-sts", .problem, "\(url) answered HTTP \(status) (200 is required, without redirects).",
                    records: records)
                return nil
            }
            let policy = MTASTSPolicy(parsing: body)
            guard policy.problems.isEmpty else {
                report.add("domain.mta-sts", "policy-invalid")
                report.found(
                    "mta-sts", .problem, "The policy at \(url) is invalid: \(policy.problems.joined(separator: "; ")).",
                    records: records)
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
