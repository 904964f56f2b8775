/// Merges the remediations of ranked diagnoses into one checklist.
///
/// The leading diagnosis's own remediations come first, in the order it lists them (its first is its main fix);
/// the others follow by likelihood over effort (the highest certainty of a diagnosis that calls for one, divided by
/// its effort). Within a remediation, the recognised provider's steps come first; a step written for one system
/// (``StepScope``) is left out when the facts say another system sends; each step appears once.
struct ChecklistBuilder {
    let providerID: String?
    /// The values the facts hold, lowercased, by fact name.
    let known: [String: Set<String>]

    /// - Parameters:
    ///   - providerID: the recognised provider, whose own steps come first.
    ///   - facts: what is known, which decides the steps written for one system.
    init(providerID: String?, facts: [Fact]) {
        self.providerID = providerID
        var known: [String: Set<String>] = [:]
        for fact in facts {
            if let value = fact.value.stringValue { known[fact.name, default: []].insert(value.lowercased()) }
        }
        self.known = known
    }

    func build(_ diagnoses: [RankedDiagnosis]) -> [ChecklistItem] {
        var order: [String] = []
        var remediations: [String: Remediation] = [:]
        var score: [String: Double] = [:]
        var calledFor: [String: [String]] = [:]
        for diagnosis in diagnoses {
            for remediation in diagnosis.remediations {
                if remediations[remediation.id] == nil { order.append(remediation.id) }
                remediations[remediation.id] = remediation
                score[remediation.id] = max(
                    score[remediation.id] ?? 0, diagnosis.confidence / Double(remediation.effort))
                calledFor[remediation.id, default: []].append(diagnosis.definition.id)
            }
        }
        let own = diagnoses.first.map { $0.remediations.map(\.id) } ?? []
        let others = order.enumerated().filter { !own.contains($0.element) }.sorted { lhs, rhs in
            let (a, b) = (score[lhs.element, default: 0], score[rhs.element, default: 0])
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)

        var seen = Set<String>()
        var items: [ChecklistItem] = []
        for id in own + others {
            guard let remediation = remediations[id] else { continue }
            let specific = providerID.flatMap { remediation.providerSteps[$0]?.steps } ?? []
            let general = remediation.steps.filter { remediation.scopes[$0]?.admits(known) ?? true }
            let steps = specific.map { ($0, providerID) } + general.map { ($0, String?.none) }
            for (step, provider) in steps where seen.insert(step).inserted {
                items.append(
                    ChecklistItem(
                        step: step, remediationID: id, diagnosisIDs: calledFor[id, default: []], provider: provider))
            }
        }
        return items
    }
}
