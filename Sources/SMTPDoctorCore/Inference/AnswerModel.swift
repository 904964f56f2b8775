/// What each diagnosis implies as the answer to each question, computed from the rules.
///
/// A diagnosis implies an answer when the answer's facts — with what the derivation rules add to them — satisfy a
/// test in the diagnosis's positive evidence (`provider: microsoft-365` implies the answer `microsoft-365`), or when
/// the diagnosis's first example already states them. For an error question, each diagnosis implies its first
/// example text. Where the rules say nothing, the implied answer is "unknown".
///
/// The question choice uses the table to estimate how likely each answer is under the current distribution; the
/// simulation uses it as an oracle that answers as the diagnosis would.
public struct AnswerModel: Sendable {
    /// The engine reasoned with.
    public let engine: InferenceEngine
    /// For each question (indexed like `KnowledgeBase.questions`), the answers weighed: the question's own, or for
    /// an error question one per diagnosis that has an example text.
    public let candidates: [[QuestionAnswer]]
    /// `implied[question][diagnosis]`: the index of the candidate answer the diagnosis implies, or `nil`.
    public let implied: [[Int?]]
    /// Diagnosis id → index.
    public let diagnosisIndex: [String: Int]
    /// The prior weight of each diagnosis, indexed like `KnowledgeBase.diagnoses`.
    public let priors: [Double]

    /// Builds the table for the engine's knowledge base.
    public init(engine: InferenceEngine) {
        self.engine = engine
        let knowledgeBase = engine.knowledgeBase
        let diagnoses = knowledgeBase.diagnoses
        diagnosisIndex = Dictionary(diagnoses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        priors = diagnoses.map(\.prior)
        let profiles = diagnoses.map { Self.profile(of: $0, engine: engine) }
        let literals = diagnoses.map { definition in
            definition.evidence.filter { $0.certainty > 0 }.flatMap { evidence in
                evidence.condition.positiveTests.map { (test: $0, certainty: evidence.certainty) }
            }
        }
        var candidates: [[QuestionAnswer]] = []
        var implied: [[Int?]] = []
        for question in knowledgeBase.questions {
            if question.kind == .error {
                var answers: [QuestionAnswer] = []
                var row: [Int?] = []
                for definition in diagnoses {
                    guard let text = definition.examples.lazy.compactMap(\.error).first else {
                        row.append(nil)
                        continue
                    }
                    row.append(answers.count)
                    answers.append(QuestionAnswer(id: text, label: text, facts: [], errorText: text))
                }
                candidates.append(answers)
                implied.append(row)
                continue
            }
            let answers = question.answers
            let memories = answers.map { answer in
                engine.derivedMemory(answer.facts.map { Fact($0.fact.name, $0.value, source: FactSource(.answer)) })
            }
            implied.append(
                diagnoses.indices.map { diagnosis in
                    if let stated = answers.firstIndex(where: { profiles[diagnosis].states($0) }) { return stated }
                    var best: (index: Int, certainty: Double)?
                    var record: [ConditionCheck] = []
                    for (index, memory) in memories.enumerated() {
                        let evaluator = ConditionEvaluator(memory: memory)
                        for literal in literals[diagnosis] where literal.certainty > (best?.certainty ?? 0) {
                            record.removeAll(keepingCapacity: true)
                            if evaluator.holds(literal.test, record: &record) { best = (index, literal.certainty) }
                        }
                    }
                    return best?.index
                })
            candidates.append(answers)
        }
        self.candidates = candidates
        self.implied = implied
    }

    /// What the first example of a diagnosis says, with everything derived from it.
    private static func profile(of definition: DiagnosisDefinition, engine: InferenceEngine) -> WorkingMemory {
        guard let example = definition.examples.first else { return engine.derivedMemory([]) }
        var facts: [Fact] = []
        if let text = example.error { facts += ErrorTextParser().parse(text).facts }
        if let provider = example.provider {
            facts.append(Fact("provider", .string(provider), source: FactSource(.option)))
        }
        for symptom in example.symptoms {
            facts.append(Fact("symptom.\(symptom)", .bool(true), source: FactSource(.option)))
        }
        return engine.derivedMemory(facts)
    }
}

extension WorkingMemory {
    /// Whether every fact the answer sets is already known here with the same value.
    fileprivate func states(_ answer: QuestionAnswer) -> Bool {
        guard !answer.facts.isEmpty else { return false }
        return answer.facts.allSatisfy { fact, value in
            guard let known = values[fact.index] else { return false }
            if case .string(let expected) = value, case .string(let actual) = known {
                return expected.lowercased() == actual.lowercased()
            }
            return known == value
        }
    }
}

extension Condition {
    /// The tests that can make the condition hold by a fact having a particular value: every test not under a
    /// `not`, except `not` and `exists` tests, which do not point at one answer.
    var positiveTests: [Condition] {
        switch self {
        case .test(_, .notEqual), .test(_, .exists): return []
        case .test: return [self]
        case .all(let parts), .any(let parts): return parts.flatMap(\.positiveTests)
        case .not: return []
        }
    }
}
