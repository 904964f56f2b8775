extension DomainChecker {
    /// SPF: one record, its syntax, the lookup limits over the include/redirect chain, the `all`, and the result
    /// for `--ip`.
    func checkSPF(_ domain: DNSName, into report: inout DomainCheckReport) async {
        var walk = SPFChainWalk(resolver: resolver)
        await walk.walk(domain)
        let outcome = walk.outcome
        report.add("domain.spf", outcome.problem ?? "ok")
        report.add("domain.spf.lookups", outcome.limits.lookups)
        report.add("domain.spf.void-lookups", outcome.limits.voidLookups)
        if !outcome.targets.isEmpty { report.add("domain.spf.includes", outcome.targets.joined(separator: " ")) }
        if !outcome.records.isEmpty, outcome.problem == nil || outcome.problem == "too-many-lookups" {
            report.add("domain.spf.all", outcome.all?.result ?? "missing")
        }
        let counts = "\(outcome.limits.lookups) DNS lookups, \(outcome.limits.voidLookups) void"
        if let problem = outcome.problem, let detail = outcome.problemDetail {
            report.found(
                "spf", problem == "lookup-failed" ? .error : .problem, "\(detail) (\(counts)).", records: outcome.chain)
        } else {
            let all = outcome.all.map { "ends in \($0.rawValue)all" } ?? "has no all mechanism"
            let status: DomainFinding.Status = outcome.all == .fail || outcome.all == .softfail ? .ok : .warning
            report.found("spf", status, "One valid SPF record; it \(all) (\(counts)).", records: outcome.chain)
        }
        if outcome.usesPTR {
            report.add("domain.spf.ptr", true)
            report.found("spf", .warning, "The record uses the ptr mechanism, which RFC 7208 says not to use.")
        }
        if let ip = options.ip, outcome.problem != "missing" {
            var evaluation = SPFEvaluation(resolver: resolver, ip: ip)
            let result = await evaluation.evaluate(domain)
            report.add("domain.spf.result", result.result)
            let status: DomainFinding.Status = result.result == "pass" ? .ok : .problem
            report.found("spf", status, "SPF for \(ip): \(result.result) (\(result.reason)).")
        }
    }
}
