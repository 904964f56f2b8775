import SMTPDoctorCore
import Testing

/// A cause that only several answers together tell from a commoner one: after "the message is too large" and "only
/// large attachments fail", the general size limit leads and no single answer would bring a sender's own limit
/// first, yet each answer about who sends and who receives gains a little. The interview goes on while such a
/// question gains enough and no cause is clearly ahead.
@Suite struct InterviewMinimumGainTests {
    static func simulation(confidence: Double, minimumGain: Double) throws -> InterviewSimulation {
        var settings = QuestionChooser.Settings()
        settings.confidence = confidence
        settings.minimumGain = minimumGain
        let model = AnswerModel(engine: try BuiltInKnowledge.engine())
        return InterviewSimulation(chooser: QuestionChooser(model: model, settings: settings), withholdsErrors: true)
    }

    @Test func questionsThatGainOnlyTogetherAreAskedWhileNoCauseIsClearlyAhead() throws {
        let defaults = QuestionChooser.Settings()
        let simulation = try Self.simulation(confidence: defaults.confidence, minimumGain: defaults.minimumGain)
        let senderLimit = try #require(simulation.chooser.model.diagnosisIndex["size.exchange-sender-limit"])
        let outcome = simulation.run(diagnosis: senderLimit, strategy: .informationGain)
        #expect(outcome.leadingID == "size.exchange-sender-limit")
    }

    @Test func withoutThemTheInterviewEndsWithTheCommonCause() throws {
        let simulation = try Self.simulation(confidence: 0.8, minimumGain: 0)
        let senderLimit = try #require(simulation.chooser.model.diagnosisIndex["size.exchange-sender-limit"])
        let outcome = simulation.run(diagnosis: senderLimit, strategy: .informationGain)
        #expect(outcome.leadingID == "size.message-too-large")
    }
}
