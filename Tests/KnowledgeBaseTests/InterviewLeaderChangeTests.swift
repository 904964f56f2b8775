import SMTPDoctorCore
import Testing

/// A rare cause that a common one hides: a recipient's mailbox that is over its quota only for a while points at a full
/// mailbox so clearly that no question gains enough on average, yet one answer would bring the temporary over-quota
/// first. The interview goes on while such a change is likely enough.
@Suite struct InterviewLeaderChangeTests {
    static func simulation(leaderChange: Double) throws -> InterviewSimulation {
        var settings = QuestionChooser.Settings()
        settings.leaderChange = leaderChange
        let model = AnswerModel(engine: try BuiltInKnowledge.engine())
        let chooser = QuestionChooser(model: model, settings: settings)
        return InterviewSimulation(chooser: chooser, withholdsErrors: true)
    }

    @Test func aQuestionThatWouldChangeTheLeaderIsAskedThoughItGainsLittle() throws {
        let simulation = try Self.simulation(leaderChange: QuestionChooser.Settings().leaderChange)
        let temporary = try #require(simulation.chooser.model.diagnosisIndex["mailbox.over-quota-temporary"])
        let outcome = simulation.run(diagnosis: temporary, strategy: .informationGain)
        #expect(outcome.leadingID == "mailbox.over-quota-temporary")
    }

    @Test func withoutItTheInterviewEndsWithTheCommonCause() throws {
        let simulation = try Self.simulation(leaderChange: 0)
        let temporary = try #require(simulation.chooser.model.diagnosisIndex["mailbox.over-quota-temporary"])
        let outcome = simulation.run(diagnosis: temporary, strategy: .informationGain)
        #expect(outcome.leadingID == "mailbox.full")
    }
}
