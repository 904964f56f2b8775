/// What each diagnosis implies as the answer to each question, computed from the rules.
///
/// A diagnosis implies an answer when the answer's facts — with what the derivation rules add to them — satisfy a
/// test in the diagnosis's positive evidence (`provider: microsoft-365` implies the answer `microsoft-365`), or when
/// the diagnosis's first example already states them. For an error question, each diagnosis implies its first
/// example text. Where the rules say nothing, the implied answer is "unknown".
///
/// A diagnosis with evidence that one answer of a question alone makes hold (a situation, a fact a person can tell)
/// expects one of those answers: any other answer counts against it (`contradiction(_:)`), as strongly as the
/// strongest such evidence times `contradictionWeight`. The rules list what a cause typically shows, not everything
/// it can show, so a contradiction weighs less than the evidence itself. "Unknown" counts against the diagnoses that
/// expect an answer too, more weakly and only once (`unknownWeight`): a person may not know what their cause shows.
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
    /// `expected[question][diagnosis]`: the candidate answers the diagnosis expects (empty when it expects none),
    /// for choice and yes-no questions.
    public let expected: [[Set<Int>]]
    /// `expectation[question][diagnosis]`: the certainty of the strongest evidence an expected answer alone fires.
    public let expectation: [[Double]]
    /// What the probe of the server and the DNS lookup of the domain would observe for each diagnosis.
    let lookups: LookupObservations
    /// `observing[question][diagnosis]`: what answering the question lets the interview observe when the diagnosis
    /// is the cause (an index in `lookups.distinct`), or `nil`.
    let observing: [[Int?]]

    /// How much an answer the diagnosis does not expect counts against it, as a share of the certainty of the
    /// evidence an expected answer would have fired (default 0.5).
    public var contradictionWeight = 0.5
    /// How much "unknown" counts against a diagnosis that expects an answer, as a share of what an answer it does
    /// not expect counts (default 0.5). A customer whose cause shows itself in the answer to a question knows that
    /// answer more often than one whose cause does not, though not always: "unknown" to what changed speaks a little
    /// against the causes that follow a change. 0 makes "unknown" say nothing.
    public var unknownWeight = 0.5
    /// Question id → index.
    private let questionIndex: [String: Int]

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
        let nothingKnown = ConditionEvaluator(memory: engine.derivedMemory([]))
        let pieces = diagnoses.map { definition in
            definition.evidence.filter { $0.certainty > 0 && !nothingKnown.holds($0.condition) }.map {
                (condition: $0.condition, certainty: $0.certainty)
            }
        }
        var questionIndex: [String: Int] = [:]
        var candidates: [[QuestionAnswer]] = []
        var implied: [[Int?]] = []
        var expected: [[Set<Int>]] = []
        var expectation: [[Double]] = []
        for (number, question) in knowledgeBase.questions.enumerated() {
            questionIndex[question.id] = questionIndex[question.id] ?? number
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
                expected.append(Array(repeating: [], count: diagnoses.count))
                expectation.append(Array(repeating: 0, count: diagnoses.count))
                continue
            }
            let answers = question.answers
            let memories = answers.map { answer in
                engine.derivedMemory(answer.facts.map { Fact($0.fact.name, $0.value, source: FactSource(.answer)) })
            }
            let readings = diagnoses.indices.map { diagnosis in
                Self.reading(
                    answers, memories: memories, pieces: pieces[diagnosis], literals: literals[diagnosis],
                    profile: profiles[diagnosis])
            }
            let weighed = question.kind == .choice || question.kind == .yesNo
            implied.append(readings.map(\.implied))
            expected.append(readings.map { weighed ? $0.expected : [] })
            expectation.append(readings.map { weighed ? $0.certainty : 0 })
            candidates.append(answers)
        }
        self.questionIndex = questionIndex
        lookups = LookupObservations(engine: engine)
        observing = knowledgeBase.questions.map(lookups.row)
        self.candidates = candidates
        self.implied = implied
        self.expected = expected
        self.expectation = expectation
    }

    /// What one diagnosis reads in the answers of one question: the answer it implies (the one its first example
    /// states, else the one its strongest evidence reads, the first in the file on a tie), the answers it expects —
    /// those that alone make a piece of its positive evidence hold (`pieces`: those that do not hold when nothing is
    /// known), with the answer it implies — and the certainty of the strongest such piece. A diagnosis whose evidence
    /// reads an answer only together with other facts (an error text, a provider and a reply) expects nothing of the
    /// question.
    private static func reading(
        _ answers: [QuestionAnswer], memories: [WorkingMemory], pieces: [(condition: Condition, certainty: Double)],
        literals: [(test: Condition, certainty: Double)], profile: WorkingMemory
    ) -> (implied: Int?, expected: Set<Int>, certainty: Double) {
        var strongest = Array(repeating: 0.0, count: answers.count)
        var alone = Array(repeating: 0.0, count: answers.count)
        for (index, memory) in memories.enumerated() {
            let evaluator = ConditionEvaluator(memory: memory)
            for literal in literals where literal.certainty > strongest[index] && evaluator.holds(literal.test) {
                strongest[index] = literal.certainty
            }
            for piece in pieces where piece.certainty > alone[index] && evaluator.holds(piece.condition) {
                alone[index] = piece.certainty
            }
        }
        let certainty = strongest.max() ?? 0
        let implied =
            answers.firstIndex { profile.states($0) } ?? (certainty > 0 ? strongest.firstIndex(of: certainty) : nil)
        var expected = Set(alone.indices.filter { alone[$0] > 0 })
        guard !expected.isEmpty else { return (implied, [], 0) }
        if let implied { expected.insert(implied) }
        return (implied, expected, alone.max() ?? 0)
    }

    /// What the interview records for a question answered with `answer` when the cause is `diagnosis`, and what
    /// answering it lets the interview observe: a lookup answers in the person's place (its observation stands for
    /// the answer), a probe runs beside the answer given.
    func answering(
        _ question: Int, with answer: QuestionAnswer?, diagnosis: Int
    ) -> (answer: QuestionAnswer?, observation: Int?) {
        guard let observation = observing[question][diagnosis] else { return (answer, nil) }
        guard let lookup = engine.knowledgeBase.questions[question].lookup else { return (answer, observation) }
        return (.lookedUp("the domain", by: lookup), observation)
    }

    /// How strongly the answers given count against each diagnosis, indexed like `KnowledgeBase.diagnoses`: for every
    /// choice or yes-no question answered with something a diagnosis does not expect, `contradictionWeight` times
    /// the certainty of the evidence it expected, combined over the questions like certainty factors; and once, for
    /// the questions answered "unknown" that a diagnosis expects an answer of, `unknownWeight` times that for the
    /// one it expected most. A person who cannot tell one thing often cannot tell the next either, so the "unknown"s
    /// do not add up. A question answered twice counts once, with its last answer.
    public func contradiction(_ answers: [InterviewAnswer]) -> [Double] {
        var against = Array(repeating: 0.0, count: priors.count)
        // The strongest expectation each diagnosis had of a question answered "unknown".
        var unanswered = Array(repeating: 0.0, count: priors.count)
        var counted = Set<Int>()
        for answer in answers.reversed() {
            if answer.answer == nil {
                guard let question = questionIndex[answer.questionID], counted.insert(question).inserted else {
                    continue
                }
                for diagnosis in unanswered.indices where !expected[question][diagnosis].isEmpty {
                    unanswered[diagnosis] = max(unanswered[diagnosis], expectation[question][diagnosis])
                }
                continue
            }
            guard let given = position(of: answer), counted.insert(given.question).inserted else { continue }
            for diagnosis in against.indices {
                let expects = expected[given.question][diagnosis]
                guard !expects.isEmpty, !expects.contains(given.answer) else { continue }
                against[diagnosis] = CertaintyFactor.combine(
                    against[diagnosis], expectation[given.question][diagnosis] * contradictionWeight)
            }
        }
        for diagnosis in against.indices where unanswered[diagnosis] > 0 {
            against[diagnosis] = CertaintyFactor.combine(
                against[diagnosis], unanswered[diagnosis] * contradictionWeight * unknownWeight)
        }
        return against
    }

    /// The question and candidate an answer is, for choice and yes-no questions: by the question's id and the
    /// answer's, or — for an answer given as facts, as an answers file may give it — the question with an answer
    /// that sets just those facts.
    func position(of answer: InterviewAnswer) -> (question: Int, answer: Int)? {
        guard let given = answer.answer else { return nil }
        if let question = questionIndex[answer.questionID] {
            return candidates[question].firstIndex { $0.id == given.id }.map { (question, $0) }
        }
        guard !given.facts.isEmpty else { return nil }
        let questions = engine.knowledgeBase.questions
        for (question, answers) in candidates.enumerated()
        where questions[question].kind == .choice || questions[question].kind == .yesNo {
            if let index = answers.firstIndex(where: { $0.sets(given.facts) }) { return (question, index) }
        }
        return nil
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
            guard let known = self.value(fact.index) else { return false }
            if case .string(let expected) = value, case .string(let actual) = known {
                return expected.lowercased() == actual.lowercased()
            }
            return known == value
        }
    }
}

extension QuestionAnswer {
    /// Whether the answer sets exactly these facts to these values.
    fileprivate func sets(_ given: [(fact: FactReference, value: FactValue)]) -> Bool {
        facts.count == given.count
            && facts.allSatisfy { fact, value in given.contains { $0.fact.name == fact.name && $0.value == value } }
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
