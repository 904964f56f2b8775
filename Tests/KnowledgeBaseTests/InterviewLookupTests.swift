import SMTPDoctorCore
import Testing

/// The interview's probe of the server and DNS lookup of the sending domain, as the question choice and the simulation
/// weigh them: a cause whose evidence a probe or the DNS checks can show is told apart by what they observe, without
/// an error text.
@Suite struct InterviewLookupTests {
    static func simulation(probes: Bool) throws -> InterviewSimulation {
        let engine = InferenceEngine(knowledgeBase: try BuiltInKnowledge.loaded.get(), weighingSources: true)
        return InterviewSimulation(
            chooser: QuestionChooser(model: AnswerModel(engine: engine)), withholdsErrors: true, probes: probes)
    }

    static func index(_ id: String, in simulation: InterviewSimulation) throws -> Int {
        try #require(simulation.chooser.model.diagnosisIndex[id])
    }

    @Test func theDNSChecksObserveTheFactsADomainCauseReads() throws {
        let simulation = try Self.simulation(probes: true)
        let revoked = try Self.index("sender-authentication.domain-dkim-revoked", in: simulation)
        let facts = simulation.observations(diagnosis: revoked).flatMap(\.facts)
        #expect(facts.contains { $0.name == "domain.dkim.revoked" && $0.value == .bool(true) })
        #expect(!facts.isEmpty && facts.allSatisfy { $0.source.kind == .dns })
    }

    @Test func theProbeObservesWhatTheRulesDeriveFromItsFacts() throws {
        let simulation = try Self.simulation(probes: true)
        let refused = try Self.index("connection.refused", in: simulation)
        let facts = simulation.observations(diagnosis: refused).flatMap(\.facts)
        #expect(facts.contains { $0.name == "network.error" && $0.value == .string("refused") })
        #expect(!facts.isEmpty && facts.allSatisfy { $0.source.kind == .probe })
    }

    @Test func aCauseNeitherCanSeeIsNotObserved() throws {
        let simulation = try Self.simulation(probes: true)
        let stopped = try Self.index("queue.processor-stopped", in: simulation)
        #expect(simulation.observations(diagnosis: stopped).isEmpty)
    }

    @Test func aDomainCauseAlikeInEveryAnswerComesFirstThroughTheLookup() throws {
        let looking = try Self.simulation(probes: true)
        let revoked = try Self.index("sender-authentication.domain-dkim-revoked", in: looking)
        let found = looking.run(diagnosis: revoked, strategy: .informationGain)
        #expect(found.leadingID == "sender-authentication.domain-dkim-revoked")
        #expect(found.asked.contains { $0.questionID == "domain-records" && $0.answer?.id == "looked-up" })
        let asking = try Self.simulation(probes: false)
        let missed = asking.run(diagnosis: revoked, strategy: .informationGain)
        #expect(missed.leadingID != "sender-authentication.domain-dkim-revoked")
    }
}
