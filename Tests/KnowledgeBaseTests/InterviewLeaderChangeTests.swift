import SMTPDoctorCore
import Testing

/// A rare cause that a common one hides: a sign-in that fails with a password the person believes right points at
/// a wrong password so clearly that no question gains on average, yet the answer to how the device signs in (NTLM)
/// would bring the user-name format NTLM needs first. The interview goes on while such a change is likely enough.
/// (The customer here does not let the program probe the server.)
@Suite struct InterviewLeaderChangeTests {
    static func simulation(leaderChange: Double) throws -> InterviewSimulation {
        var settings = QuestionChooser.Settings()
        settings.leaderChange = leaderChange
        let model = AnswerModel(engine: try BuiltInKnowledge.engine())
        let chooser = QuestionChooser(model: model, settings: settings)
        return InterviewSimulation(chooser: chooser, withholdsErrors: true, probes: false)
    }

    @Test func aQuestionThatWouldChangeTheLeaderIsAskedThoughItGainsNothing() throws {
        let simulation = try Self.simulation(leaderChange: QuestionChooser.Settings().leaderChange)
        let ntlm = try #require(simulation.chooser.model.diagnosisIndex["auth.ntlm-username-format"])
        let outcome = simulation.run(diagnosis: ntlm, strategy: .informationGain)
        #expect(outcome.leadingID == "auth.ntlm-username-format")
    }

    @Test func withoutItTheInterviewEndsWithTheCommonCause() throws {
        let simulation = try Self.simulation(leaderChange: 0)
        let ntlm = try #require(simulation.chooser.model.diagnosisIndex["auth.ntlm-username-format"])
        let outcome = simulation.run(diagnosis: ntlm, strategy: .informationGain)
        #expect(outcome.leadingID == "auth.bad-credentials")
    }
}
