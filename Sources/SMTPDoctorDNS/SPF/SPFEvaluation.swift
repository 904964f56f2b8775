/// The SPF `check_host()` function of RFC 7208 for one address: which result the domain's record gives it.
struct SPFEvaluation {
    /// The result and the directive that decided it.
    struct Outcome: Sendable, Hashable {
        /// pass, fail, softfail, neutral, none, permerror or temperror.
        var result: String
        /// The term that matched, or why there was no match.
        var reason: String
    }

    let resolver: DNSResolver
    let ip: IPAddress
    private var limits = SPFLimits()
    private var depth = 0

    init(resolver: DNSResolver, ip: IPAddress) {
        self.resolver = resolver
        self.ip = ip
    }

    private struct Abort: Error {
        var outcome: Outcome
    }

    /// Evaluates the record of `domain` for the address.
    mutating func evaluate(_ domain: DNSName) async -> Outcome {
        do {
            return try await checkHost(domain, sender: domain.description)
        } catch let abort as Abort {
            return abort.outcome
        } catch {
            return Outcome(result: "temperror", reason: "\(error)")
        }
    }

    private mutating func checkHost(_ domain: DNSName, sender: String) async throws -> Outcome {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 20 else { throw Abort(outcome: .init(result: "permerror", reason: "includes nest too deep")) }
        let lookup = await resolver.lookup(domain, .txt)
        if let failure = lookup.failure { return Outcome(result: "temperror", reason: failure) }
        let texts = lookup.texts.filter(SPFRecord.isSPF)
        guard texts.count <= 1 else {
            return Outcome(result: "permerror", reason: "\(domain) has \(texts.count) SPF records")
        }
        guard let text = texts.first else { return Outcome(result: "none", reason: "\(domain) has no SPF record") }
        let record: SPFRecord
        do {
            record = try SPFRecord(parsing: text)
        } catch {
            return Outcome(result: "permerror", reason: "\(domain): \(error)")
        }
        let context = SPFMacroContext(ip: ip, domain: domain.description, senderDomain: sender)
        for directive in record.directives {
            if directive.mechanism.countsAsLookup { try countLookup(directive.term) }
            if try await matches(directive, domain: domain, context: context, sender: sender) {
                return Outcome(
                    result: directive.qualifier.result, reason: "\(directive.term) in the record of \(domain)")
            }
        }
        if let redirect = record.redirect {
            try countLookup("redirect=\(redirect)")
            guard let target = try? DNSName(context.expand(redirect)) else {
                return Outcome(result: "permerror", reason: "redirect=\(redirect) is not a domain")
            }
            let outcome = try await checkHost(target, sender: sender)
            return outcome.result == "none"
                ? Outcome(result: "permerror", reason: "redirect=\(redirect) names a domain without SPF") : outcome
        }
        return Outcome(result: "neutral", reason: "no mechanism of \(domain)'s record matched and there is no all")
    }

    private mutating func matches(
        _ directive: SPFRecord.Directive, domain: DNSName, context: SPFMacroContext, sender: String
    ) async throws -> Bool {
        func name(_ spec: String?) throws -> DNSName {
            guard let spec else { return domain }
            guard let name = try? DNSName(context.expand(spec)) else {
                throw Abort(outcome: .init(result: "permerror", reason: "\(directive.term) expands to no domain"))
            }
            return name
        }
        switch directive.mechanism {
        case .all:
            return true
        case .ip4(let network, let prefix), .ip6(let network, let prefix):
            return ip.isIn(network, prefix: prefix)
        case .a(let spec, let prefix4, let prefix6):
            return try await addresses(of: name(spec), term: directive.term).contains {
                ip.isIn($0, prefix: ip.isIPv4 ? prefix4 : prefix6)
            }
        case .mx(let spec, let prefix4, let prefix6):
            let mx = await resolver.lookup(try name(spec), .mx)
            try check(mx, term: directive.term)
            let hosts = mx.records.compactMap { record -> DNSName? in
                if case .mx(_, let exchange) = record.data { return exchange } else { return nil }
            }
            guard hosts.count <= 10 else {
                throw Abort(outcome: .init(result: "permerror", reason: "\(directive.term) has more than 10 MX hosts"))
            }
            for host in hosts {
                let found = try await addresses(of: host, term: directive.term)
                if found.contains(where: { ip.isIn($0, prefix: ip.isIPv4 ? prefix4 : prefix6) }) { return true }
            }
            return false
        case .ptr(let spec):
            let target = try name(spec)
            guard let reverse = try? DNSName(ip.reverseName) else { return false }
            let names = await resolver.lookup(reverse, .ptr).records.compactMap { record -> DNSName? in
                if case .name(let name) = record.data { return name } else { return nil }
            }
            for candidate in names.prefix(10) where candidate.isSubdomain(of: target) {
                let lookup = await resolver.lookup(candidate, ip.isIPv4 ? .a : .aaaa)
                if lookup.addresses.contains(ip) { return true }
            }
            return false
        case .exists(let spec):
            let lookup = await resolver.lookup(try name(spec), .a)
            try check(lookup, term: directive.term)
            return !lookup.records.isEmpty
        case .include(let spec):
            let outcome = try await checkHost(try name(spec), sender: sender)
            switch outcome.result {
            case "pass": return true
            case "fail", "softfail", "neutral": return false
            case "none":
                throw Abort(outcome: .init(result: "permerror", reason: "\(directive.term) names a domain without SPF"))
            default: throw Abort(outcome: outcome)
            }
        }
    }

    private mutating func addresses(of host: DNSName, term: String) async throws -> [IPAddress] {
        let lookup = await resolver.lookup(host, ip.isIPv4 ? .a : .aaaa)
        try check(lookup, term: term)
        return lookup.addresses
    }

    private mutating func check(_ lookup: DNSLookup, term: String) throws {
        if let failure = lookup.failure { throw Abort(outcome: .init(result: "temperror", reason: failure)) }
        if lookup.isVoid {
            limits.voidLookups += 1
            if limits.voidLookupsExceeded {
                throw Abort(outcome: .init(result: "permerror", reason: "\(term): more than 2 void lookups"))
            }
        }
    }

    private mutating func countLookup(_ term: String) throws {
        limits.lookups += 1
        if limits.lookupsExceeded {
            throw Abort(outcome: .init(result: "permerror", reason: "\(term): more than 10 DNS lookups"))
        }
    }
}
