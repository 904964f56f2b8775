import SMTPDoctorCore

/// Everything a domain check found: the observations and the findings the rules make of them, for people, and the
/// facts for the inference engine.
public struct DomainCheckReport: Sendable, Hashable {
    /// The domain checked.
    public var domain: String
    /// The sending address checked, if one was given.
    public var ip: String?
    /// What the checks saw, in check order; the rules turn each into one of `findings`.
    public var observations: [DomainObservation] = []
    /// The findings, in check order.
    public var findings: [DomainFinding] = []
    /// The facts, as `domain.*` names declared in `Rules/facts/dns-domain.yaml`, in the order found.
    public var facts: [(name: String, value: FactValue)] = []
    /// How many DNS queries were sent.
    public var queries = 0

    /// Creates an empty report.
    public init(domain: String, ip: String?) {
        self.domain = domain
        self.ip = ip
    }

    mutating func add(_ name: String, _ value: FactValue) { facts.append((name, value)) }
    mutating func add(_ name: String, _ value: String) { add(name, .string(value)) }
    mutating func add(_ name: String, _ value: Int) { add(name, .int(value)) }
    mutating func add(_ name: String, _ value: Bool) { add(name, .bool(value)) }

    mutating func observe(_ check: String, _ facts: [String: FactValue], records: [String] = []) {
        observations.append(DomainObservation(check: check, facts: facts, records: records))
    }

    /// The facts as one observation for the inference engine.
    public func observation() -> Observation {
        let source = FactSource(.dns, domain)
        return Observation(facts: facts.map { Fact($0.name, $0.value, source: source) })
    }

    public static func == (lhs: DomainCheckReport, rhs: DomainCheckReport) -> Bool {
        lhs.domain == rhs.domain && lhs.ip == rhs.ip && lhs.findings == rhs.findings
            && lhs.facts.map(\.name) == rhs.facts.map(\.name) && lhs.facts.map(\.value) == rhs.facts.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(domain)
        hasher.combine(findings)
    }
}
