import SMTPDoctorCore
import Testing

/// What a probe observes counts below what the person reported (`Rules/fact-sources.yaml`): a lab server's
/// self-signed certificate does not outrank the authentication failure the person saw.
@Suite struct InterviewProbeWeightTests {
    /// A probe of a lab server that presents its own test certificate.
    static let labServer = Observation(
        facts: [
            Fact("probe.tls.mode", .string("auto"), source: FactSource(.probe)),
            Fact("probe.tls", .string("untrusted"), source: FactSource(.probe)),
            Fact("probe.stop", .string("tls-failed"), source: FactSource(.probe)),
            Fact("probe.failed-step", .string("tls"), source: FactSource(.probe)),
            Fact("probe.cert.self-signed", .bool(true), source: FactSource(.probe)),
            Fact("probe.cert.trusted", .bool(false), source: FactSource(.probe)),
        ])

    /// The leading cause after the person answers a question and the lab server is probed.
    static func leader(question: String, answer: String, weighingSources: Bool) throws -> String? {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        let engine = InferenceEngine(knowledgeBase: knowledgeBase, weighingSources: weighingSources)
        var interview = Interview(chooser: QuestionChooser(model: AnswerModel(engine: engine)))
        let asked = try #require(knowledgeBase.questions.first { $0.id == question })
        interview.record(try asked.interpret(answer).get(), to: asked)
        interview.add(labServer)
        return interview.conclusion().diagnoses.first?.definition.id
    }

    @Test(arguments: [("error", "535 5.7.8 Authentication failed"), ("gist", "sign-in")])
    func aProbesTestCertificateDoesNotOutrankAReportedSignInFailure(question: String, answer: String) throws {
        let leader = try #require(try Self.leader(question: question, answer: answer, weighingSources: true))
        #expect(leader.hasPrefix("auth."), "\(question) = \(answer): \(leader) leads")
    }

    @Test func countedFullyTheTestCertificateWouldLead() throws {
        let leader = try Self.leader(
            question: "gist", answer: "sign-in", weighingSources: false)
        #expect(leader == "tls.self-signed-certificate")
    }

    @Test func withoutAnAnswerTheProbeAloneStillNamesTheCertificate() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        let engine = InferenceEngine(knowledgeBase: knowledgeBase, weighingSources: true)
        let result = engine.diagnose(Evidence(observations: [Self.labServer]))
        #expect(result.diagnoses.first?.definition.id == "tls.self-signed-certificate")
        let weighed = try #require(result.diagnoses.first?.confidence)
        let full = try #require(
            InferenceEngine(knowledgeBase: knowledgeBase).diagnose(Evidence(observations: [Self.labServer]))
                .diagnoses.first?.confidence)
        #expect(weighed < full)
    }
}
