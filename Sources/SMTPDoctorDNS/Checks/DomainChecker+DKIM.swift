import Foundation

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
                report.found("dkim", .problem, "'\(selector)' is not a valid selector.")
                continue
            }
            let lookup = await resolver.lookup(name, .txt)
            if let failure = lookup.failure {
                report.found("dkim", .error, "The lookup of \(name) failed: \(failure).")
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
                report.found(
                    "dkim", .problem, "The key of selector \(selector) is revoked (empty p=).", records: lookup.lines)
                continue
            }
            if (tags["t"] ?? "").split(separator: ":").contains(where: { $0.trimmingWhitespace == "y" }) {
                testing = true
            }
            let type = tags["k"]?.lowercased() ?? "rsa"
            let bits = Data(base64Encoded: key).flatMap {
                type == "ed25519" ? $0.count * 8 : RSAKeySize.bits(of: [UInt8]($0))
            }
            guard let bits else {
                report.found(
                    "dkim", .problem, "The \(type) key of selector \(selector) cannot be read.", records: lookup.lines)
                continue
            }
            smallest = min(smallest ?? bits, bits)
            let status: DomainFinding.Status = type == "rsa" && bits < 1024 ? .problem : .ok
            report.found("dkim", status, "Selector \(selector): \(type) key of \(bits) bits.", records: lookup.lines)
        }
        if given, !missing.isEmpty {
            report.found("dkim", .problem, "No DKIM key for selector(s) \(missing.joined(separator: ", ")).")
        }
        let state: String
        if found.isEmpty {
            state = given ? "missing" : "not-found"
            if !given {
                report.found(
                    "dkim", .warning,
                    "None of the common selectors has a key; give the selector in use with --selector.")
            }
        } else {
            state = given && !missing.isEmpty ? "missing" : "found"
        }
        report.add("domain.dkim", state)
        if !found.isEmpty { report.add("domain.dkim.selectors", found.joined(separator: " ")) }
        if let smallest { report.add("domain.dkim.bits", smallest) }
        report.add("domain.dkim.revoked", revoked)
        report.add("domain.dkim.testing", testing)
        if testing { report.found("dkim", .warning, "A key is flagged t=y (testing): receivers may ignore failures.") }
    }
}
