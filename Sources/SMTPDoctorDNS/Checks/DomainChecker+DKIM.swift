import Foundation
import SMTPDoctorCore

extension DomainChecker {
    /// DKIM: the key record of each selector given (or of the common selectors): present, type, length, testing
    /// flag, revoked.
    func checkDKIM(_ domain: DNSName, into report: inout DomainCheckReport) async {
        let given = !options.selectors.isEmpty
        var found: [String] = []
        var smallest: Int?
        var revoked = false
        var testing = false
        var missing: [String] = []
        for selector in given ? options.selectors : options.commonSelectors {
            guard let name = try? domain.prepending("\(selector)._domainkey") else {
                report.observe(
                    "dkim",
                    [
                        "domain.finding.observed": .string("dkim-invalid-selector"),
                        "domain.finding.selector": .string(selector),
                    ])
                continue
            }
            let lookup = await resolver.lookup(name, .txt)
            if let failure = lookup.failure {
                report.observe("dkim", Self.lookupFailure(of: name, failure))
                continue
            }
            guard let text = lookup.texts.first(where: { $0.contains("p=") }) else {
                missing.append(selector)
                continue
            }
            found.append(selector)
            let tags = TagList(text)
            let key = (tags["p"] ?? "").filter { !$0.isWhitespace }
            if key.isEmpty {
                revoked = true
                report.observe(
                    "dkim",
                    ["domain.finding.observed": .string("dkim-revoked"), "domain.finding.selector": .string(selector)],
                    records: lookup.lines)
                continue
            }
            if (tags["t"] ?? "").split(separator: ":").contains(where: { $0.trimmingWhitespace == "y" }) {
                testing = true
            }
            let type = tags["k"]?.lowercased() ?? "rsa"
            let bits = Data(base64Encoded: key).flatMap {
                type == "ed25519" ? $0.count * 8 : RSAKeySize.bits(of: [UInt8]($0))
            }
            var keyFacts: [String: FactValue] = [
                "domain.finding.selector": .string(selector), "domain.finding.key-type": .string(type),
            ]
            guard let bits else {
                keyFacts["domain.finding.observed"] = .string("dkim-key-unreadable")
                report.observe("dkim", keyFacts, records: lookup.lines)
                continue
            }
            smallest = min(smallest ?? bits, bits)
            keyFacts["domain.finding.observed"] = .string("dkim-key")
            keyFacts["domain.finding.key-bits"] = .int(bits)
            report.observe("dkim", keyFacts, records: lookup.lines)
        }
        if given, !missing.isEmpty {
            report.observe(
                "dkim",
                [
                    "domain.finding.observed": .string("dkim-selectors-missing"),
                    "domain.finding.list": .string(missing.joined(separator: ", ")),
                ])
        }
        let state: String
        if found.isEmpty {
            state = given ? "missing" : "not-found"
            if !given { report.observe("dkim", ["domain.dkim": .string("not-found")]) }
        } else {
            state = given && !missing.isEmpty ? "missing" : "found"
        }
        report.add("domain.dkim", state)
        if !found.isEmpty { report.add("domain.dkim.selectors", found.joined(separator: " ")) }
        if let smallest { report.add("domain.dkim.bits", smallest) }
        report.add("domain.dkim.revoked", revoked)
        report.add("domain.dkim.testing", testing)
        if testing { report.observe("dkim", ["domain.dkim.testing": .bool(true)]) }
    }
}
