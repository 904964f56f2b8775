/// Merges the remediations of ranked diagnoses into one checklist.
///
/// The leading diagnosis's own remediations come first, in the order it lists them (its first is its main fix);
/// the others follow by likelihood over effort (the highest certainty of a diagnosis that calls for one, divided by
/// its effort). Within a remediation, the recognised provider's steps come first; a step written for one system
/// (``StepScope``) is left out when the facts say another system sends; each step appears once.
struct ChecklistBuilder {
    let providerID: String?
    /// What is known, which decides the steps written for one system.
    let facts: [Fact]

    /// - Parameters:
    ///   - providerID: the recognised provider, whose own steps come first.
    ///   - facts: what is known, which decides the steps written for one system.
    init(providerID: String?, facts: [Fact]) {
        self.providerID = providerID
        self.facts = facts
    }

    /// The values a fact holds, lowercased, or `nil` when it is not known: what a step's ``StepScope`` is compared
    /// with. Looked up among the facts for the few names a scope gives, rather than lowercasing every known text.
    private func values(of name: String) -> Set<String>? {
        let values = facts.compactMap { $0.name == name ? $0.value.stringValue?.lowercased() : nil }
        return values.isEmpty ? nil : Set(values)
    }

    /// A remediation called for, with the highest likelihood over effort of a diagnosis that calls for it and every
    /// such diagnosis.
    private struct Entry {
        var remediation: Remediation
        var score: Double
        var calledFor: [String]
    }

    func build(_ diagnoses: [RankedDiagnosis]) -> [ChecklistItem] {
        // Each remediation once, in the order the diagnoses call for it. A checklist draws on a few diagnoses: a short
        // list searched in place costs less than hashing every id.
        var entries: [Entry] = []
        var ownCount = 0
        for (rank, diagnosis) in diagnoses.enumerated() {
            for remediation in diagnosis.remediations {
                let score = max(0, diagnosis.confidence / Double(remediation.effort))
                if let index = entries.firstIndex(where: { $0.remediation.id == remediation.id }) {
                    entries[index].score = max(entries[index].score, score)
                    entries[index].calledFor.append(diagnosis.definition.id)
                } else {
                    entries.append(Entry(remediation: remediation, score: score, calledFor: [diagnosis.definition.id]))
                }
            }
            if rank == 0 { ownCount = entries.count }
        }
        let others = entries[ownCount...].enumerated().sorted { lhs, rhs in
            lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
        }.map(\.element)

        var items: [ChecklistItem] = []
        for entry in entries[..<ownCount] + others {
            let remediation = entry.remediation
            let specific = providerID.flatMap { remediation.providerSteps[$0]?.steps } ?? []
            var general = remediation.steps
            if !remediation.scopes.isEmpty {
                general.removeAll { remediation.scopes[$0].map { !$0.admits(values(of:)) } ?? false }
            }
            let steps = specific.map { ($0, providerID) } + general.map { ($0, String?.none) }
            // A checklist has tens of steps: comparing them is cheaper than hashing every sentence.
            for (step, provider) in steps where !items.contains(where: { $0.step == step }) {
                items.append(
                    ChecklistItem(
                        step: step, remediationID: remediation.id, diagnosisIDs: entry.calledFor, provider: provider))
            }
        }
        return items
    }
}
