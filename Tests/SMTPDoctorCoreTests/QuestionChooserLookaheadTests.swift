import Testing

@testable import SMTPDoctorCore

/// A knowledge base with a cause that only two answers together point at: a device that speaks only old TLS, told
/// apart by what sends and what changed, neither of which says anything alone.
enum PairedAnswerKnowledge {
    static let facts =
        InterviewKnowledge.facts + """

            situation.sender: { type: enum, values: [device, application], doc: what sends }
            change.recent: { type: enum, values: [provider-policy, nothing], doc: what changed }
            """

    static let diagnoses = """
        - id: auth.bad-credentials
          category: auth
          title: Wrong password
          summary: The password is wrong.
          evidence:
            - { if: { reply.code: 535 }, cf: 0.6 }
          remediation: [check-password]
          examples: ["535 5.7.8 authentication failed"]
        - id: server.old-protocol
          category: server
          title: The device speaks only an old TLS version
          summary: The provider turned old TLS versions off.
          evidence:
            - { if: { all: [ { situation.sender: device }, { change.recent: provider-policy } ] }, cf: 0.9 }
          remediation: [open-firewall]
          examples: ["tls handshake failed"]
        """

    static let questions = """
        - id: sender
          text: What sends the mail?
          kind: choice
          cost: 1
          answers:
            - { id: device, label: A device, sets: { situation.sender: device } }
            - { id: application, label: An application, sets: { situation.sender: application } }
        - id: what-changed
          text: What changed?
          kind: choice
          cost: 1
          answers:
            - { id: provider-policy, label: The provider's policy, sets: { change.recent: provider-policy } }
            - { id: nothing, label: Nothing, sets: { change.recent: nothing } }
        """

    static func chooser(lookahead: Int) throws -> QuestionChooser {
        let knowledgeBase = try TestKnowledge.load([
            "facts.yaml": facts, "diagnoses/all.yaml": diagnoses, "rules/all.yaml": InterviewKnowledge.rules,
            "questions.yaml": questions,
        ])
        var settings = QuestionChooser.Settings()
        settings.lookahead = lookahead
        let model = AnswerModel(engine: InferenceEngine(knowledgeBase: knowledgeBase))
        return QuestionChooser(model: model, settings: settings)
    }
}

@Suite struct QuestionChooserLookaheadTests {
    @Test func oneAnswerAheadSeesNothingInAPairOfAnswers() throws {
        let chooser = try PairedAnswerKnowledge.chooser(lookahead: 0)
        guard case .noUsefulQuestion = chooser.next(answers: []) else {
            Issue.record("expected no useful question one answer ahead")
            return
        }
    }

    @Test func twoAnswersAheadAskBothAndReachTheCauseTheyPointAtTogether() throws {
        let chooser = try PairedAnswerKnowledge.chooser(lookahead: 2)
        let simulation = InterviewSimulation(chooser: chooser, withholdsErrors: true)
        let old = try #require(chooser.model.diagnosisIndex["server.old-protocol"])
        let outcome = simulation.run(diagnosis: old, strategy: .informationGain)
        #expect(outcome.asked.map(\.questionID) == ["sender", "what-changed"])
        #expect(outcome.leadingID == "server.old-protocol")
    }

    @Test func theSameAnswersAlwaysLeadToTheSameQuestion() throws {
        let chooser = try PairedAnswerKnowledge.chooser(lookahead: 2)
        let asked = (0..<3).map { _ -> String? in
            guard case .ask(let choice) = chooser.next(answers: []) else { return nil }
            return choice.question.id
        }
        #expect(asked == ["sender", "sender", "sender"])
    }
}
