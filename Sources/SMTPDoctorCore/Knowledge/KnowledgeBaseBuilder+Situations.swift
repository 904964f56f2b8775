extension KnowledgeBaseBuilder {
    // MARK: - Situations

    /// Turns every situation into evidence for the diagnoses it shifts.
    ///
    /// ```yaml
    /// - id: situation.device-after-mfa
    ///   if: { all: [ { sender.kind: device }, { change.recent: mfa-enabled } ] }
    ///   shifts:                               # diagnosis id: certainty factor, −1…1
    ///     auth.app-password-required: 0.5
    ///     auth.bad-credentials: -0.2
    /// ```
    ///
    /// A situation is what a person can tell without an error message; one situation moves several causes at once,
    /// so the knowledge of how an observation shifts each cause stays in one place.
    func attachSituations(to diagnoses: inout [DiagnosisDefinition], _ compiler: ConditionCompiler) {
        let position = Dictionary(diagnoses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, entry) in raw.situations.all {
            entry.rejectUnknownKeys(["id", "doc", "if", "shifts"], in: "situation '\(id)'")
            guard let conditionEntry = entry["if"] else {
                entry.report("situation '\(id)' has no 'if'")
                continue
            }
            guard let shifts = entry["shifts"] else {
                entry.report("situation '\(id)' has no 'shifts'")
                continue
            }
            guard let condition = compiler.compile(conditionEntry) else { continue }
            for (diagnosisID, value) in shifts.pairs("'shifts'") {
                guard let index = position[diagnosisID] else {
                    value.report("situation '\(id)': diagnosis '\(diagnosisID)' is not defined")
                    continue
                }
                guard let text = value.text("a shift"), let certainty = Double(text), (-1.0...1.0).contains(certainty)
                else {
                    value.report("situation '\(id)': the shift of '\(diagnosisID)' must be a number from -1 to 1")
                    continue
                }
                diagnoses[index].evidence.append(
                    EvidenceRule(
                        id: "situation \(id)", condition: condition, certainty: certainty, location: value.location))
            }
        }
    }

    // MARK: - Priors

    /// Sets each diagnosis's prior weight from `priors.yaml`.
    ///
    /// ```yaml
    /// - { diagnosis: auth.bad-credentials, weight: 18 }
    /// ```
    func attachPriors(to diagnoses: inout [DiagnosisDefinition]) {
        let position = Dictionary(diagnoses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, entry) in raw.priors.all {
            entry.rejectUnknownKeys(["diagnosis", "weight"], in: "prior '\(id)'")
            guard let index = position[id] else {
                entry.report("prior: diagnosis '\(id)' is not defined")
                continue
            }
            guard let text = entry.required("weight") else { continue }
            guard let weight = Double(text), weight > 0, weight.isFinite else {
                entry["weight"]?.report("prior '\(id)': weight must be a number above 0, not '\(text)'")
                continue
            }
            diagnoses[index].prior = weight
        }
    }

    // MARK: - Fact sources

    /// How much evidence counts by the source of its facts, from `fact-sources.yaml`.
    ///
    /// ```yaml
    /// - { source: probe, weight: 0.5 }
    /// ```
    func buildSourceWeights() -> [FactSource.Kind: Double] {
        var weights: [FactSource.Kind: Double] = [:]
        for (id, entry) in raw.sourceWeights.all {
            entry.rejectUnknownKeys(["source", "weight", "doc"], in: "fact source '\(id)'")
            guard let source = FactSource.Kind(rawValue: id) else {
                entry.report(
                    "fact source '\(id)' is not a source; use one of: "
                        + FactSource.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            guard let text = entry.required("weight") else { continue }
            guard let weight = Double(text), weight > 0, weight <= 1 else {
                entry["weight"]?.report(
                    "fact source '\(id)': weight must be a number above 0 and at most 1, not '\(text)'")
                continue
            }
            weights[source] = weight
        }
        return weights
    }
}
