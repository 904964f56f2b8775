/// How an interview ends: the causes ranked by their probability, never nothing once something was said.
extension QuestionChooser {
    /// The most causes a conclusion names when the evidence named none.
    public static let concludedCauses = 3

    /// The result an interview shows: the engine's diagnoses ranked by probability (prior times evidence), or —
    /// when no diagnosis reached the engine's threshold — the likeliest causes. Each cause's confidence is its
    /// probability, so the figures shown fall with the ranking: the engine's certainty says how strongly the evidence
    /// points at a cause on its own, and several causes the same answers point at share one certainty but not one
    /// probability.
    ///
    /// - Parameters:
    ///   - result: what the engine concluded from the answers.
    ///   - answers: the answers it concluded from, which count against the causes that expected others.
    ///   - separator: the question that would best tell the leading causes apart, if any; it becomes the first
    ///     step of the checklist.
    public func conclusion(
        of result: DiagnosisResult, answers: [InterviewAnswer] = [], separator: Question? = nil
    ) -> DiagnosisResult {
        let knowledgeBase = model.engine.knowledgeBase
        let current = distribution(result, answers: answers)
        let probability = { (diagnosis: RankedDiagnosis) in
            model.diagnosisIndex[diagnosis.definition.id].map { current.probabilities[$0] } ?? 0
        }
        var conclusion = result
        if result.diagnoses.isEmpty {
            let touched = Dictionary(
                result.ruledOut.map { ($0.definition.id, $0) }, uniquingKeysWith: { first, _ in first })
            conclusion.diagnoses = current.ranking.prefix(Self.concludedCauses).map { index in
                let definition = knowledgeBase.diagnoses[index]
                return RankedDiagnosis(
                    definition: definition, confidence: current.probabilities[index],
                    evidence: touched[definition.id]?.evidence ?? [],
                    remediations: definition.remediationIDs.compactMap { knowledgeBase.remediations[$0] })
            }
            let named = Set(conclusion.diagnoses.map(\.definition.id))
            conclusion.ruledOut = result.ruledOut.filter { !named.contains($0.definition.id) }
        } else {
            conclusion.diagnoses = result.diagnoses.map { diagnosis in
                var weighed = diagnosis
                weighed.confidence = probability(diagnosis)
                return weighed
            }.sorted { ($0.confidence, $1.definition.id) > ($1.confidence, $0.definition.id) }
        }
        let leading = Array(conclusion.diagnoses.prefix(InferenceEngine.checklistDiagnoses))
        var checklist = ChecklistBuilder(providerID: result.provider?.id, facts: result.facts).build(leading)
        if let separator, leading.count > 1 {
            checklist.insert(
                ChecklistItem(
                    step: "First find out, to tell these causes apart: \(separator.text)",
                    remediationID: "interview.\(separator.id)", diagnosisIDs: leading.map(\.definition.id),
                    provider: nil),
                at: 0)
        }
        conclusion.checklist = checklist
        return conclusion
    }
}
