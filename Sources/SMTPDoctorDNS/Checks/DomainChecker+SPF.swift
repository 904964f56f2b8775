import SMTPDoctorCore

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
        let counts: [String: FactValue] = [
            "domain.spf.lookups": .int(outcome.limits.lookups),
            "domain.spf.void-lookups": .int(outcome.limits.voidLookups),
        ]
        if let problem = outcome.problem {
            report.observe(
                "spf", counts.merging(outcome.problemFacts) { $1 }.merging(["domain.spf": .string(problem)]) { $1 },
                records: outcome.chain)
        } else {
            let all: [String: FactValue] = [
                "domain.spf": .string("ok"), "domain.spf.all": .string(outcome.all?.result ?? "missing"),
            ]
            report.observe("spf", counts.merging(all) { $1 }, records: outcome.chain)
        }
        if outcome.usesPTR {
            report.add("domain.spf.ptr", true)
            report.observe("spf", ["domain.spf.ptr": .bool(true)])
        }
        if let ip = options.ip, outcome.problem != "missing" {
            var evaluation = SPFEvaluation(resolver: resolver, ip: ip)
            let result = await evaluation.evaluate(domain)
            report.add("domain.spf.result", result.result)
            report.observe(
                "spf",
                [
                    "domain.spf.result": .string(result.result), "domain.finding.ip": .string("\(ip)"),
                    "domain.finding.reason": .string(result.reason),
                ])
        }
    }
}
