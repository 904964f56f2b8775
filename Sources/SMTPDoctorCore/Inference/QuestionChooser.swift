/// Chooses the next interview question: the one with the largest expected information gain per unit of cost.
///
/// The gain of a question is the entropy of the current distribution of diagnoses minus the entropy expected after
/// answering it, where each answer's probability is the share of the current mass whose diagnoses imply that answer
/// (`AnswerModel`) and the rest of the mass answers "unknown". After an answer, the causes that imply it gain by their
/// evidence and the causes that expected another answer lose (`AnswerModel.contradiction`); after "unknown", the
/// causes that expected an answer lose a little (`AnswerModel.unknownWeight`).
/// Every number comes from the rules; the order of the questions in the file only breaks exact ties.
///
/// With `Settings.lookahead` above 0, the few questions with the largest gain are also weighed two answers ahead —
/// each answer followed by the best of the others — because some causes are told apart only by two answers together
/// (`QuestionChooser+Lookahead`).
///
/// It stops when one cause is clearly ahead — holding most of the probability and leading the next by a margin — or
/// when no answer (nor, with a lookahead, pair of answers among the questions weighed two ahead) would change which
/// cause leads. A question that would change the leader but gains nothing on average is still asked while the chance
/// that it changes the leader, per unit of cost, reaches `Settings.leaderChange`; and a question that gains at least
/// `Settings.minimumGain` bits per unit of cost is asked while no cause is clearly ahead, as several answers together
/// may change the leader where none alone does.
/// An "unknown" answer is an answer like any other: the question counts as asked.
public struct QuestionChooser: Sendable {
    /// When to stop asking.
    public struct Settings: Sendable, Hashable {
        /// Stop when the likeliest diagnosis holds at least this share of the probability…
        public var confidence: Double
        /// …and its share exceeds the next one's by at least this much.
        public var margin: Double

        /// How many questions — those with the largest one-answer score — are weighed two answers ahead, each
        /// followed by the best of the others: some causes are told apart only by two answers together. 0 weighs
        /// every question one answer ahead only.
        public var lookahead: Int

        /// When no question is expected to gain, keep asking the question most likely to change the leader if that
        /// chance, per unit of the question's cost, is at least this. A rare cause that a common one hides lowers the
        /// spread of the distribution too little for a gain, yet one answer would bring it first (default one in a
        /// hundred). 0 disables this.
        public var leaderChange: Double

        /// A question that some answer would make change the leader is asked only if it gains at least this many
        /// bits per unit of cost. While no cause is clearly ahead, keep asking the question with the largest expected
        /// gain per unit of cost if that reaches this many bits, though no single answer would change the leader: a
        /// cause that only several answers together tell from a commoner one gains a little from each (a sender's
        /// own size limit against the general one). Default a fifth of a bit; 0 disables this.
        public var minimumGain: Double

        /// The defaults used by `smtp-doctor interview`.
        public init(
            confidence: Double = 0.95, margin: Double = 0.1, lookahead: Int = 0, leaderChange: Double = 0.01,
            minimumGain: Double = 0.2
        ) {
            self.confidence = confidence
            self.margin = margin
            self.lookahead = lookahead
            self.leaderChange = leaderChange
            self.minimumGain = minimumGain
        }
    }

    /// A question worth asking, with why.
    public struct Choice: Sendable {
        /// The question.
        public var question: Question
        /// Its index in `KnowledgeBase.questions`.
        public var index: Int
        /// The expected information gain in bits.
        public var gain: Double
        /// Gain per unit of cost.
        public var score: Double
        /// The leading hypotheses it separates: each answer with the diagnoses that imply it, most likely first.
        public var separates: [(answer: QuestionAnswer, diagnoses: [String], probability: Double)]
    }

    /// Why the interview stopped, or that it has a question.
    public enum Outcome: Sendable {
        /// Ask this question next.
        case ask(Choice)
        /// One diagnosis is certain enough.
        case confident(diagnosisID: String)
        /// No answer to any remaining question would change which cause leads.
        case noUsefulQuestion
    }

    /// The answer table.
    public let model: AnswerModel
    /// When to stop.
    public var settings: Settings

    /// Creates a chooser over a model.
    public init(model: AnswerModel, settings: Settings = Settings()) {
        self.model = model
        self.settings = settings
    }

    /// The distribution of diagnoses for a result, over the knowledge base's priors, with what the answers given
    /// count against the diagnoses that expected other answers.
    public func distribution(_ result: DiagnosisResult, answers: [InterviewAnswer] = []) -> HypothesisDistribution {
        HypothesisDistribution(
            result, index: model.diagnosisIndex, priors: model.priors, against: model.contradiction(answers))
    }

    /// Whether the result is certain enough to stop: returns the likeliest diagnosis if it holds `confidence` of the
    /// probability (its prior with all the evidence, for and against) and leads the next by `margin`.
    ///
    /// The engine's certainty alone does not stop the interview: a few answers that each point a little at a cause
    /// add up to a high certainty for every cause they share, and only the probability weighs them against each other.
    public func confidentDiagnosis(_ result: DiagnosisResult, answers: [InterviewAnswer] = []) -> String? {
        let current = distribution(result, answers: answers)
        let ranking = current.ranking
        guard let likeliest = ranking.first else { return nil }
        let share = current.probabilities[likeliest]
        let next = ranking.dropFirst().first.map { current.probabilities[$0] } ?? 0
        guard share >= settings.confidence, share - next >= settings.margin else { return nil }
        return model.engine.knowledgeBase.diagnoses[likeliest].id
    }

    /// The questions that may be asked now: not yet asked, and their `ask-when` holds for the facts known.
    public func askable(answers: [InterviewAnswer], result: DiagnosisResult) -> [Int] {
        let asked = Set(answers.map(\.questionID))
        let memory = model.engine.derivedMemory(result.facts)
        var record: [ConditionCheck] = []
        return model.engine.knowledgeBase.questions.indices.filter { index in
            let question = model.engine.knowledgeBase.questions[index]
            guard !asked.contains(question.id) else { return false }
            guard let condition = question.askWhen else { return true }
            return ConditionEvaluator(memory: memory).holds(condition, record: &record)
        }
    }

    /// What to do next after these answers.
    ///
    /// - Parameters:
    ///   - answers: the answers given so far.
    ///   - observations: other observations, such as a probe's.
    /// - Returns: the question to ask, or why to stop.
    public func next(answers: [InterviewAnswer], observations: [Observation] = []) -> Outcome {
        let result = model.engine.diagnose(Evidence(answers: answers, observations: observations))
        if let confident = confidentDiagnosis(result, answers: answers) { return .confident(diagnosisID: confident) }
        let best = bestChoice(answers: answers, observations: observations, result: result)
        guard let best else { return .noUsefulQuestion }
        return .ask(best)
    }

    /// The question that would best tell the likely causes apart now, however little it gains: what an ended
    /// interview's checklist asks first.
    public func separator(answers: [InterviewAnswer], observations: [Observation] = []) -> Question? {
        let result = model.engine.diagnose(Evidence(answers: answers, observations: observations))
        return bestChoice(answers: answers, observations: observations, result: result, anyGain: true)?.question
    }

    /// The askable question to ask now among those with an answer — or, for the questions weighed two answers ahead
    /// (`Settings.lookahead`), a pair of answers — that would change which cause leads: the best by two-answer
    /// score among the questions weighed two ahead, else the best by one-answer score among those that gain at least
    /// `Settings.minimumGain` bits per unit of cost (an answer that would change the leader is no reason to ask a
    /// question that almost surely gets another answer). If no answer would change the
    /// leader, the one with the largest one-answer score when `anyGain`; else the question likeliest to change the
    /// leader (`Settings.leaderChange`), else the one with the largest score if it reaches `Settings.minimumGain`,
    /// else `nil`. Ties go by `precedes(_:_:)`.
    private func bestChoice(
        answers: [InterviewAnswer], observations: [Observation], result: DiagnosisResult, anyGain: Bool = false
    ) -> Choice? {
        let current = distribution(result, answers: answers)
        let leader = current.ranking.first
        var outcomes = OutcomeMemo(chooser: self, observations: observations)
        let weighed = askable(answers: answers, result: result).map { index in
            weigh(index, after: answers, current: current, leader: leader, outcomes: &outcomes)
        }
        let choices = weighed.map { choice(of: $0, current: current) }
        let gaining = choices.filter { $0.score > 0 }
        let ahead = lookahead(weighed, current: current, leader: leader, outcomes: &outcomes)
        if let paired = Self.first(ahead) { return paired }
        let changing = zip(weighed, choices).filter { weighing, choice in
            weighing.changesLeader && choice.score > 0 && choice.score >= settings.minimumGain
        }.map(\.1)
        return Self.first(changing) ?? (anyGain ? Self.first(gaining) : nil)
            ?? likeliestLeaderChange(weighed, choices: choices, leader: leader)
            ?? (settings.minimumGain > 0 ? Self.first(gaining.filter { $0.score >= settings.minimumGain }) : nil)
    }

    /// The question whose answers most likely bring another cause first, per unit of its cost, if that chance is at
    /// least `Settings.leaderChange`; scored by that chance.
    private func likeliestLeaderChange(_ weighed: [Weighing], choices: [Choice], leader: Int?) -> Choice? {
        guard settings.leaderChange > 0 else { return nil }
        let scored = zip(weighed, choices).compactMap { weighing, choice -> Choice? in
            let change = weighing.branches.filter { $0.distribution.ranking.first != leader }.map(\.probability)
                .reduce(0, +)
            var scored = choice
            scored.score = change / choice.question.cost
            return scored.score >= settings.leaderChange ? scored : nil
        }
        return Self.first(scored)
    }

    /// A question as a choice scored by its one-answer gain per unit of cost.
    func choice(of weighing: Weighing, current: HypothesisDistribution) -> Choice {
        let question = model.engine.knowledgeBase.questions[weighing.index]
        return Choice(
            question: question, index: weighing.index, gain: weighing.gain, score: weighing.gain / question.cost,
            separates: separation(weighing.index, mass: weighing.mass, distribution: current))
    }

    /// The choice that goes before all others (`precedes(_:_:)`), if any.
    static func first(_ choices: [Choice]) -> Choice? {
        choices.reduce(nil) { best, next in precedes(next, best) ? next : best }
    }

    /// Whether a choice goes before another: the higher score, where scores closer than one part in a billion count
    /// as equal (they differ by rounding only); between equal scores the cheaper question, then the one earlier in
    /// `questions.yaml`. So the same answers always lead to the same question.
    static func precedes(_ choice: Choice, _ other: Choice?) -> Bool {
        guard let other else { return true }
        if abs(choice.score - other.score) > 1e-9 * max(abs(choice.score), abs(other.score)) {
            return choice.score > other.score
        }
        if choice.question.cost != other.question.cost { return choice.question.cost < other.question.cost }
        return choice.index < other.index
    }

    /// The answers of a question with the likeliest diagnoses that imply each.
    private func separation(_ index: Int, mass: [Double], distribution: HypothesisDistribution) -> [(
        answer: QuestionAnswer, diagnoses: [String], probability: Double
    )] {
        let diagnoses = model.engine.knowledgeBase.diagnoses
        var byAnswer: [Int: [(id: String, probability: Double)]] = [:]
        for (diagnosis, answer) in model.implied[index].enumerated() {
            guard let answer else { continue }
            byAnswer[answer, default: []].append((diagnoses[diagnosis].id, distribution.probabilities[diagnosis]))
        }
        return byAnswer.map { answer, members in
            (
                model.candidates[index][answer],
                members.sorted { ($0.probability, $1.id) > ($1.probability, $0.id) }.prefix(3).map(\.id),
                mass[answer]
            )
        }.sorted { ($0.probability, $1.answer.id) > ($1.probability, $0.answer.id) }
    }
}
