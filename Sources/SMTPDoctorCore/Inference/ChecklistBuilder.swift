/// Merges the remediations of ranked diagnoses into one checklist.
///
/// Remediations are ordered by likelihood over effort (the highest certainty of a diagnosis that calls for it,
/// divided by its effort); within one, the recognised provider's steps come first; each step appears once.
struct ChecklistBuilder {
    let providerID: String?

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
        let ranked = order.enumerated().sorted { lhs, rhs in
            let (a, b) = (score[lhs.element, default: 0], score[rhs.element, default: 0])
            return a != b ? a > b : lhs.offset < rhs.offset
        }.compactMap { remediations[$0.element] }

        var seen = Set<String>()
        var items: [ChecklistItem] = []
        for remediation in ranked {
            let id = remediation.id
            let specific = providerID.flatMap { remediation.providerSteps[$0]?.steps } ?? []
            let steps = specific.map { ($0, providerID) } + remediation.steps.map { ($0, String?.none) }
            for (step, provider) in steps where seen.insert(step).inserted {
                items.append(
                    ChecklistItem(
                        step: step, remediationID: id, diagnosisIDs: calledFor[id, default: []], provider: provider))
            }
        }
        return items
    }
}
