import SMTPDoctorCore
import Testing

/// A rare cause that a common one hides: after "cannot connect", "sending hangs" and "a firewall changed", the
/// common connection timeout leads so clearly that no question gains on average, yet the port test's answer would
/// bring the filtered port first. The interview goes on while such a change is likely enough. (The customer here does
/// not let the program probe the server, whose timeout would speak for both causes.)
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
        let filtered = try #require(simulation.chooser.model.diagnosisIndex["connection.port-filtered"])
        let outcome = simulation.run(diagnosis: filtered, strategy: .informationGain)
        #expect(outcome.leadingID == "connection.port-filtered")
    }

    @Test func withoutItTheInterviewEndsWithTheCommonCause() throws {
        let simulation = try Self.simulation(leaderChange: 0)
        let filtered = try #require(simulation.chooser.model.diagnosisIndex["connection.port-filtered"])
        let outcome = simulation.run(diagnosis: filtered, strategy: .informationGain)
        #expect(outcome.leadingID == "connection.connect-timeout")
    }
}
