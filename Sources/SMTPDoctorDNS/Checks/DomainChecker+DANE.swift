import SMTPDoctorCore

extension DomainChecker {
    /// DANE (RFC 7672): the TLSA records of each MX at `_25._tcp.<mx>`, the DNSSEC status the resolver reports
    /// (the AD bit), and whether the records match the certificate the MX presents after STARTTLS.
    func checkDANE(_ domain: DNSName, into report: inout DomainCheckReport) async {
        var withRecords = 0
        var validated = true
        var mismatched: [String] = []
        var matched = 0
        var unchecked = 0
        var failed = 0
        for host in await mxHosts(domain).prefix(Self.mostMXChecked) {
            guard let name = try? host.prepending("_25._tcp") else { continue }
            let lookup = await resolver.lookup(name, .tlsa)
            if let failure = lookup.failure {
                failed += 1
                report.observe("dane", Self.lookupFailure(of: name, failure))
                continue
            }
            let records = lookup.records
            guard !records.isEmpty else { continue }
            withRecords += 1
            validated = validated && lookup.authenticated
            switch await compare(records, host: host) {
            case .success(true):
                matched += 1
                report.observe(
                    "dane",
                    ["domain.finding.observed": .string("tlsa-match"), "domain.finding.host": .string("\(host)")],
                    records: lookup.lines)
            case .success(false):
                mismatched.append(host.description)
                report.observe(
                    "dane",
                    ["domain.finding.observed": .string("tlsa-mismatch"), "domain.finding.host": .string("\(host)")],
                    records: lookup.lines)
            case .failure(let error):
                unchecked += 1
                report.observe(
                    "dane",
                    [
                        "domain.finding.observed": .string("tlsa-unchecked"), "domain.finding.host": .string("\(host)"),
                        "domain.finding.failure": .string(error.reason),
                    ], records: lookup.lines)
            }
        }
        let state: String
        if !mismatched.isEmpty {
            state = "mismatch"
        } else if failed > 0, withRecords == 0 {
            state = "lookup-failed"
        } else if withRecords == 0 {
            state = "none"
            report.observe("dane", ["domain.dane": .string("none")])
        } else if unchecked > 0 {
            state = "unchecked"
        } else {
            state = matched > 0 ? "match" : "none"
        }
        report.add("domain.dane", state)
        if withRecords > 0 {
            report.add("domain.dane.dnssec", validated ? "validated" : "not-validated")
            if !validated { report.observe("dane", ["domain.dane.dnssec": .string("not-validated")]) }
        }
    }

    /// At most this many MX hosts are checked for TLSA records.
    static let mostMXChecked = 10

    /// Whether any of the records matches the chain the host presents, or why the chain could not be had.
    private func compare(_ records: [DNSRecord], host: DNSName) async -> Result<Bool, MXCertificateError> {
        let v4 = await resolver.lookup(host, .a)
        let v6 = await resolver.lookup(host, .aaaa)
        guard let address = (v4.addresses + v6.addresses).first else {
            return .failure(MXCertificateError("\(host) has no address"))
        }
        var fetcher = options.mxCertificates
        fetcher.timeout = min(fetcher.timeout, await resolver.timeLeft)
        guard fetcher.timeout > .zero else {
            return .failure(MXCertificateError("the overall deadline passed before its certificate could be fetched"))
        }
        switch await fetcher.chain(host: host.description, address: address) {
        case .failure(let error): return .failure(error)
        case .success(let chain):
            let matches = records.contains { record in
                guard case .tlsa(let usage, let selector, let matchingType, let data) = record.data else {
                    return false
                }
                return TLSAMatcher.verdict(
                    usage: usage, selector: selector, matchingType: matchingType, data: data, chain: chain) == .matches
            }
            return .success(matches)
        }
    }
}
