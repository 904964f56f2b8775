import Testing

@testable import SMTPDoctorCore

/// Priors, situations and the probability-ranked conclusion of an interview, on the small test knowledge base.
@Suite struct InterviewPriorsAndSituationsTests {
    static let situations = """
        - id: colour.red
          if: { office.colour: red }
          shifts:
            auth.token-refused: 0.5
            connection.refused: -0.4
        """

    static func load(priors: String = "") throws -> KnowledgeBase {
        var files = [
            "facts.yaml": InterviewKnowledge.facts, "diagnoses/all.yaml": InterviewKnowledge.diagnoses,
            "rules/all.yaml": InterviewKnowledge.rules, "questions.yaml": InterviewKnowledge.questions(),
            "situations/office.yaml": situations,
        ]
        if !priors.isEmpty { files["priors.yaml"] = priors }
        return try TestKnowledge.load(files)
    }

    static func chooser(priors: String) throws -> QuestionChooser {
        QuestionChooser(model: AnswerModel(engine: InferenceEngine(knowledgeBase: try load(priors: priors))))
    }

    @Test func priorsWeighTheStartingDistribution() throws {
        let chooser = try Self.chooser(priors: "- { diagnosis: connection.refused, weight: 8 }")
        let diagnoses = chooser.model.engine.knowledgeBase.diagnoses
        #expect(diagnoses.map(\.prior) == [1, 1, 8])
        let start = chooser.distribution(chooser.model.engine.diagnose(Evidence()))
        #expect(abs(start.probabilities[2] - 0.8) < 1e-9)
        #expect(start.ranking.first == 2)
    }

    @Test func aSituationShiftsEveryCauseItNamesBothWays() throws {
        let knowledgeBase = try Self.load()
        let token = try #require(knowledgeBase.diagnosis(id: "auth.token-refused"))
        let refused = try #require(knowledgeBase.diagnosis(id: "connection.refused"))
        #expect(token.evidence.contains { $0.id == "situation colour.red" && $0.certainty == 0.5 })
        #expect(refused.evidence.contains { $0.id == "situation colour.red" && $0.certainty == -0.4 })
    }

    @Test func aSituationOrPriorThatNamesAnUnknownCauseIsReportedAtItsLine() {
        let problems = TestKnowledge.problems([
            "facts.yaml": InterviewKnowledge.facts, "diagnoses/all.yaml": InterviewKnowledge.diagnoses,
            "situations/office.yaml": """
            - id: colour.red
              if: { office.colour: red }
              shifts:
                auth.nothing-like-it: 0.5
                connection.refused: 3
            """,
            "priors.yaml": "- { diagnosis: connection.refused, weight: -1 }",
        ])
        #expect(
            problems.contains { $0.contains("office.yaml:4") && $0.contains("'auth.nothing-like-it' is not defined") })
        #expect(problems.contains { $0.contains("office.yaml:5") && $0.contains("from -1 to 1") })
        #expect(problems.contains { $0.contains("priors.yaml:1") && $0.contains("weight must be a number above 0") })
    }

    @Test func anInterviewThatReachedNoThresholdStillNamesTheLikeliestCauses() throws {
        let chooser = try Self.chooser(priors: "- { diagnosis: connection.refused, weight: 8 }")
        var interview = Interview(chooser: chooser)
        let colour = try #require(interview.knowledgeBase.question(id: "colour"))
        interview.record(nil, to: colour)
        #expect(interview.result.diagnoses.isEmpty)
        let conclusion = interview.conclusion()
        #expect(conclusion.diagnoses.map(\.definition.id).first == "connection.refused")
        #expect(conclusion.diagnoses.count == QuestionChooser.concludedCauses)
        #expect(!conclusion.checklist.isEmpty)
    }

    @Test func theChecklistOfAnUndecidedEndStartsWithWhatTellsTheCausesApart() throws {
        let chooser = try Self.chooser(priors: "")
        var interview = Interview(chooser: chooser)
        let colour = try #require(interview.knowledgeBase.question(id: "colour"))
        interview.record(nil, to: colour)
        let separator = try #require(interview.separator())
        let conclusion = interview.conclusion(separator: separator)
        let first = try #require(conclusion.checklist.first)
        #expect(first.step.hasSuffix(separator.text))
        #expect(first.diagnosisIDs.count > 1)
    }

    @Test func evidenceOutranksAPriorButNotTheOtherWayRound() throws {
        let chooser = try Self.chooser(priors: "- { diagnosis: connection.refused, weight: 8 }")
        var interview = Interview(chooser: chooser)
        let colour = try #require(interview.knowledgeBase.question(id: "colour"))
        interview.record(try #require(colour.answers.first { $0.id == "red" }), to: colour)
        #expect(interview.conclusion().diagnoses.first?.definition.id == "auth.token-refused")
    }

    @Test func theConclusionShowsEachCausesProbabilityInTheOrderItRanks() throws {
        let chooser = try Self.chooser(priors: "- { diagnosis: connection.refused, weight: 8 }")
        var interview = Interview(chooser: chooser)
        let colour = try #require(interview.knowledgeBase.question(id: "colour"))
        interview.record(try #require(colour.answers.first { $0.id == "red" }), to: colour)
        let result = interview.result
        let shown = interview.conclusion().diagnoses
        let distribution = chooser.distribution(result, answers: interview.answers)
        #expect(!shown.isEmpty)
        for diagnosis in shown {
            let index = try #require(chooser.model.diagnosisIndex[diagnosis.definition.id])
            #expect(abs(diagnosis.confidence - distribution.probabilities[index]) < 1e-12)
        }
        #expect(zip(shown, shown.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
        let certainty = try #require(result.diagnoses.first { $0.definition.id == "auth.token-refused" }?.confidence)
        let probability = try #require(shown.first { $0.definition.id == "auth.token-refused" }?.confidence)
        #expect(abs(certainty - probability) > 0.01, "the probability, not the engine's certainty, is shown")
    }
}
