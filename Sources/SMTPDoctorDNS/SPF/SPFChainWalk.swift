import SMTPDoctorCore

/// Follows a domain's SPF record through every include and redirect, counting the lookups the whole chain costs.
///
/// This is the static view receivers' limits apply to: an include that is only reached after an earlier match
/// still counts once another address needs it, so every branch is walked.
struct SPFChainWalk {
    /// What the walk found.
    struct Outcome: Sendable {
        /// The SPF records published at the domain itself.
        var records: [String] = []
        /// The first problem found, as a `domain.spf` value; nil when the chain is sound.
        var problem: String?
        /// What the problem is about, as `domain.finding.*` facts (the name, the term, a count, the failure) for the
        /// rules that word it.
        var problemFacts: [String: FactValue] = [:]
        /// One line per record in the chain, indented by depth.
        var chain: [String] = []
        /// Every include and redirect target, in order.
        var targets: [String] = []
        /// The qualifier of the `all` that ends the evaluation (after redirects); nil when there is none.
        var all: SPFRecord.Qualifier?
        /// Whether a `ptr` mechanism is used (deprecated).
        var usesPTR = false
        /// The lookup counts.
        var limits = SPFLimits()
    }

    let resolver: DNSResolver
    private(set) var outcome = Outcome()
    private var stack: [DNSName] = []

    /// The most records walked, whatever the limits say, so that a hostile chain cannot make the walk long.
    private static let maximumRecords = 40
    private var walked = 0

    init(resolver: DNSResolver) {
        self.resolver = resolver
    }

    /// Walks the chain from `domain`.
    mutating func walk(_ domain: DNSName) async {
        _ = await visit(domain, depth: 0, via: nil)
    }

    private mutating func fail(_ problem: String, _ facts: [String: FactValue]) {
        if outcome.problem == nil {
            outcome.problem = problem
            outcome.problemFacts = facts
        }
    }

    /// Visits one record; returns the qualifier of the `all` that ends it, following its redirect.
    private mutating func visit(_ domain: DNSName, depth: Int, via: String?) async -> SPFRecord.Qualifier? {
        walked += 1
        guard walked <= Self.maximumRecords else { return nil }
        let indent = String(repeating: "  ", count: depth)
        if stack.contains(domain) {
            fail("include-loop", [Slot.term: .string(via ?? "\(domain)"), Slot.name: .string("\(domain)")])
            outcome.chain.append("\(indent)\(domain): loop")
            return nil
        }
        let lookup = await resolver.lookup(domain, .txt)
        if let failure = lookup.failure {
            fail("lookup-failed", [Slot.name: .string("\(domain)"), Slot.failure: .string(failure)])
            outcome.chain.append("\(indent)\(domain): lookup failed")
            return nil
        }
        let records = lookup.texts.filter(SPFRecord.isSPF)
        if depth == 0 { outcome.records = records }
        guard let text = records.first else {
            if depth == 0 {
                fail("missing", [Slot.name: .string("\(domain)")])
            } else {
                if lookup.isVoid { outcome.limits.voidLookups += 1 }
                fail(
                    "include-missing",
                    [Slot.term: .string(via ?? domain.description), Slot.name: .string("\(domain)")])
            }
            outcome.chain.append("\(indent)\(domain): no SPF record")
            return nil
        }
        guard records.count == 1 else {
            fail("multiple", [Slot.name: .string("\(domain)"), Slot.count: .int(records.count)])
            outcome.chain.append("\(indent)\(domain): \(records.count) SPF records")
            return nil
        }
        let record: SPFRecord
        do {
            record = try SPFRecord(parsing: text)
        } catch {
            fail("syntax-error", [Slot.name: .string("\(domain)"), Slot.problem: .string("\(error)")])
            outcome.chain.append("\(indent)\(domain): \(text) (syntax error)")
            return nil
        }
        outcome.chain.append("\(indent)\(domain): \(text)")
        stack.append(domain)
        defer { stack.removeLast() }
        var ending: SPFRecord.Qualifier?
        for directive in record.directives {
            if directive.mechanism.countsAsLookup { count(directive.term) }
            switch directive.mechanism {
            case .all:
                if ending == nil { ending = directive.qualifier }
            case .include(let spec):
                guard let target = target(spec, domain: domain) else { continue }
                outcome.targets.append(target.description)
                _ = await visit(target, depth: depth + 1, via: "include:\(spec)")
            case .a(let spec, _, _):
                guard let target = target(spec ?? domain.description, domain: domain) else { continue }
                let v4 = await resolver.lookup(target, .a)
                let v6 = await resolver.lookup(target, .aaaa)
                if v4.isVoid && v6.isVoid { voidLookup(directive.term) }
            case .mx(let spec, _, _):
                guard let target = target(spec ?? domain.description, domain: domain) else { continue }
                let mx = await resolver.lookup(target, .mx)
                if mx.isVoid { voidLookup(directive.term) }
                if mx.records.count > 10 {
                    fail(
                        "too-many-lookups",
                        [
                            Slot.observed: .string("spf-too-many-mx-hosts"), Slot.term: .string(directive.term),
                            Slot.count: .int(mx.records.count),
                        ])
                }
            case .ptr:
                outcome.usesPTR = true
            case .exists, .ip4, .ip6:
                continue
            }
        }
        if let redirect = record.redirect, ending == nil {
            count("redirect=\(redirect)")
            if let target = target(redirect, domain: domain) {
                outcome.targets.append(target.description)
                ending = await visit(target, depth: depth + 1, via: "redirect=\(redirect)")
            }
        }
        if depth == 0 { outcome.all = ending }
        return ending
    }

    private mutating func count(_ term: String) {
        outcome.limits.lookups += 1
        if outcome.limits.lookupsExceeded {
            fail("too-many-lookups", [Slot.term: .string(term), Slot.count: .int(outcome.limits.lookups)])
        }
    }

    private mutating func voidLookup(_ term: String) {
        outcome.limits.voidLookups += 1
        if outcome.limits.voidLookupsExceeded {
            fail("too-many-void-lookups", [Slot.term: .string(term), Slot.count: .int(outcome.limits.voidLookups)])
        }
    }

    /// The `domain.finding.*` facts a problem is described by.
    private enum Slot {
        static let name = "domain.finding.name"
        static let term = "domain.finding.term"
        static let count = "domain.finding.count"
        static let failure = "domain.finding.failure"
        static let problem = "domain.finding.problem"
        static let observed = "domain.finding.observed"
    }

    /// The name a domain-spec stands for; specs with macros depend on the sender and are not followed.
    private func target(_ spec: String, domain: DNSName) -> DNSName? {
        guard !spec.contains("%") else { return nil }
        return try? DNSName(spec)
    }
}
