/// Weighing questions one and two answers ahead.
///
/// One answer alone sometimes changes nothing that a second answer would: a cause whose evidence needs two facts
/// together (a device and a provider policy, a certificate and a change) gains only when both are known. So the
/// questions with the largest one-answer score are weighed again, each of their answers followed by the best of the
/// other such questions; the pair's expected gain, per unit of the cost of both questions, ranks them, and a pair of
/// answers that would change the leading cause keeps the interview going.
extension QuestionChooser {
    /// A question weighed one answer ahead.
    struct Weighing {
        /// One answer with some probability, with what it would leave.
        struct Branch {
            /// The answers given, this one last.
            var given: [InterviewAnswer]
            /// What the probe or the lookup the answer lets run would observe, on top of the interview's own.
            var observed: [Observation]
            /// Its probability under the current distribution.
            var probability: Double
            /// What the engine concludes from `given`.
            var result: DiagnosisResult
            /// The distribution `given` would leave.
            var distribution: HypothesisDistribution
        }

        /// Its index in `KnowledgeBase.questions`.
        var index: Int
        /// The probability of each candidate answer (the rest of the mass answers "unknown").
        var mass: [Double]
        /// The expected entropy after the answer.
        var expectedEntropy: Double
        /// The expected information gain in bits.
        var gain: Double
        /// Whether some answer would change which cause leads.
        var changesLeader: Bool
        /// The answers with some probability.
        var branches: [Branch]
        /// The share of the mass that answers "unknown" and lets nothing be observed.
        var unknown: Double { max(0, 1 - branches.reduce(0) { $0 + $1.probability }) }
    }

    /// The outcomes of answer sets already worked out while choosing one question: the same answers given in another
    /// order conclude the same.
    struct OutcomeMemo {
        let chooser: QuestionChooser
        let observations: [Observation]
        private var known: [Key: (DiagnosisResult, HypothesisDistribution)] = [:]

        /// The answers, in any order, and the observations they would add.
        private struct Key: Hashable {
            var answers: [String]
            var observed: [Observation]
        }

        init(chooser: QuestionChooser, observations: [Observation]) {
            self.chooser = chooser
            self.observations = observations
        }

        /// What the engine concludes from these answers and what their probes or lookups would observe, and the
        /// distribution they leave.
        mutating func outcome(
            _ given: [InterviewAnswer], observed: [Observation]
        ) -> (DiagnosisResult, HypothesisDistribution) {
            let key = Key(answers: given.map { "\($0.questionID)\u{1}\($0.words)" }.sorted(), observed: observed)
            if let outcome = known[key] { return outcome }
            let result = chooser.model.engine.diagnose(
                Evidence(answers: given, observations: observations + observed))
            let outcome = (result, chooser.distribution(result, answers: given))
            known[key] = outcome
            return outcome
        }
    }

    /// A question weighed one answer ahead of `answers` (and of `observed`, what earlier answers weighed ahead would
    /// let the interview observe). An answer that lets the probe or the DNS lookup run is weighed with what it would
    /// observe for each cause: the causes that imply the same answer and observation make one branch.
    func weigh(
        _ index: Int, after answers: [InterviewAnswer], observed: [Observation] = [], current: HypothesisDistribution,
        leader: Int?, outcomes: inout OutcomeMemo
    ) -> Weighing {
        let question = model.engine.knowledgeBase.questions[index]
        let candidates = model.candidates[index]
        var mass = Array(repeating: 0.0, count: candidates.count)
        var grouped: [BranchKey: (answer: QuestionAnswer?, probability: Double)] = [:]
        for (diagnosis, implied) in model.implied[index].enumerated() {
            let probability = current.probabilities[diagnosis]
            let answering = model.answering(index, with: implied.map { candidates[$0] }, diagnosis: diagnosis)
            guard answering.answer != nil || answering.observation != nil else { continue }
            // The candidate recorded, unless a lookup answered in its place.
            let candidate = implied.flatMap { answering.answer?.id == candidates[$0].id ? $0 : nil }
            if let candidate { mass[candidate] += probability }
            let key = BranchKey(answer: candidate, observation: answering.observation)
            grouped[key] = (answering.answer, (grouped[key]?.probability ?? 0) + probability)
        }
        let entropy = current.entropy
        // "Unknown" adds no fact: the engine concludes what it did, and only what "unknown" counts against the
        // causes that expected an answer changes.
        let unknown = max(0, 1 - grouped.values.reduce(0) { $0 + $1.probability })
        let afterUnknown =
            model.unknownWeight > 0
            ? HypothesisDistribution(
                certainties: current.certainties, priors: model.priors,
                against: model.contradiction(answers + [InterviewAnswer(questionID: question.id, answer: nil)])
            ).entropy : entropy
        var expected = unknown * afterUnknown
        var changesLeader = false
        var branches: [Weighing.Branch] = []
        for (key, branch) in grouped.sorted(by: { $0.key < $1.key }) where branch.probability > 0 {
            let given = answers + [InterviewAnswer(questionID: question.id, answer: branch.answer)]
            let seen = observed + (key.observation.map { [model.lookups.distinct[$0]] } ?? [])
            let (result, after) = outcomes.outcome(given, observed: seen)
            expected += branch.probability * after.entropy
            if after.ranking.first != leader { changesLeader = true }
            branches.append(
                .init(
                    given: given, observed: seen, probability: branch.probability, result: result, distribution: after))
        }
        return Weighing(
            index: index, mass: mass, expectedEntropy: expected, gain: entropy - expected, changesLeader: changesLeader,
            branches: branches)
    }

    /// The questions among the `Settings.lookahead` best by one-answer score (those that gain nothing alone included,
    /// as a cause that needs two answers together gains nothing from either alone) that an answer, or an answer
    /// followed by one to another of them, would change the leader with; each scored by the gain of the pair per unit
    /// of their cost, the second question being the best of the others after each answer (and after "unknown",
    /// weighed on the current distribution).
    func lookahead(
        _ weighed: [Weighing], current: HypothesisDistribution, leader: Int?, outcomes: inout OutcomeMemo
    ) -> [Choice] {
        guard settings.lookahead > 0 else { return [] }
        let questions = model.engine.knowledgeBase.questions
        let oneAhead = weighed.map { (weighing: $0, choice: choice(of: $0, current: current)) }
        let pruned = oneAhead.sorted { Self.precedes($0.choice, $1.choice) }.prefix(settings.lookahead).map(\.weighing)
        return pruned.compactMap { first in
            let others = pruned.filter { $0.index != first.index }
            let afterUnknown = best(others.map { ($0, choice(of: $0, current: current)) })
            var expected = first.unknown * (afterUnknown?.weighing.expectedEntropy ?? current.entropy)
            var followingCost = first.unknown * (afterUnknown?.choice.question.cost ?? 0)
            var changesLeader = first.changesLeader
            for branch in first.branches {
                let askable = Set(askable(answers: branch.given, result: branch.result))
                let seconds = others.filter { askable.contains($0.index) }.map { other in
                    weigh(
                        other.index, after: branch.given, observed: branch.observed, current: branch.distribution,
                        leader: leader, outcomes: &outcomes)
                }
                if seconds.contains(where: \.changesLeader) { changesLeader = true }
                let best = best(seconds.map { ($0, choice(of: $0, current: branch.distribution)) })
                expected += branch.probability * (best?.weighing.expectedEntropy ?? branch.distribution.entropy)
                followingCost += branch.probability * (best?.choice.question.cost ?? 0)
            }
            guard changesLeader else { return nil }
            let question = questions[first.index]
            var paired = choice(of: first, current: current)
            paired.score = (current.entropy - expected) / (question.cost + followingCost)
            return paired.score > 0 ? paired : nil
        }
    }

    /// The weighing whose choice goes first (`precedes(_:_:)`).
    private func best(_ weighed: [(weighing: Weighing, choice: Choice)]) -> (weighing: Weighing, choice: Choice)? {
        weighed.reduce(nil) { best, next in Self.precedes(next.choice, best?.choice) ? next : best }
    }
}

/// One branch of a weighed question: the candidate answer recorded (`nil`: "unknown", or a lookup's answer) and what
/// it lets the interview observe.
private struct BranchKey: Hashable, Comparable {
    var answer: Int?
    var observation: Int?

    static func < (left: BranchKey, right: BranchKey) -> Bool {
        (left.answer ?? -1, left.observation ?? -1) < (right.answer ?? -1, right.observation ?? -1)
    }
}
