import SMTPDoctorCore
import Testing

/// A rare cause that a common one hides: an application whose sign-in fails after its credentials were rotated points
/// at a wrong password so clearly that no question gains enough on average, yet one answer would bring an OAuth client
/// secret that is no longer valid first. The interview goes on while such a change is likely enough.
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
        let secret = try #require(simulation.chooser.model.diagnosisIndex["auth.oauth-invalid-client-secret"])
        let outcome = simulation.run(diagnosis: secret, strategy: .informationGain)
        #expect(outcome.leadingID == "auth.oauth-invalid-client-secret")
    }

    @Test func withoutItTheInterviewEndsWithTheCommonCause() throws {
        let simulation = try Self.simulation(leaderChange: 0)
        let secret = try #require(simulation.chooser.model.diagnosisIndex["auth.oauth-invalid-client-secret"])
        let outcome = simulation.run(diagnosis: secret, strategy: .informationGain)
        #expect(outcome.leadingID == "auth.bad-credentials")
    }
}
