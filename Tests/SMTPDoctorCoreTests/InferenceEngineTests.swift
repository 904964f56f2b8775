import Testing

@testable import SMTPDoctorCore

@Suite struct InferenceEngineTests {
    private func diagnose(_ errors: [String], provider: String? = nil) throws -> DiagnosisResult {
        InferenceEngine(knowledgeBase: try TestKnowledge.load()).diagnose(Evidence(errors: errors, provider: provider))
    }

    @Test func derivedFactsReachTheDiagnosisThatReadsThem() throws {
        let result = try diagnose(["java.net.ConnectException: Connection refused"])
        let first = try #require(result.diagnoses.first)
        #expect(first.definition.id == "connection.refused")
        #expect(result.firings.map(\.ruleID) == ["refused-from-text"])
        #expect(
            result.facts.contains { $0.name == "network.error" && $0.source == FactSource(.rule, "refused-from-text") })
    }

    @Test func certaintiesOfEvidenceCombine() throws {
        let result = try diagnose(["535 5.7.8 Authentication credentials invalid"])
        let first = try #require(result.diagnoses.first)
        #expect(first.definition.id == "auth.bad-password")
        #expect(abs(first.confidence - 0.8) < 1e-9)
        #expect(first.evidence.count == 2)
    }

    @Test func explanationNamesTheFactsAndWhereTheyCameFrom() throws {
        let result = try diagnose(["535 5.7.8 Authentication credentials invalid"])
        let evidence = try #require(result.diagnoses.first?.evidence.first)
        #expect(evidence.reason == "reply.code = 535")
        #expect(evidence.because.first?.source == FactSource(.errorText))
    }

    @Test func negativeEvidenceRulesADiagnosisOut() throws {
        let result = try diagnose(["454 4.7.0 TLS not available"])
        #expect(result.diagnoses.isEmpty)
        let ruledOut = try #require(result.ruledOut.first { $0.definition.id == "server.transient" })
        #expect(ruledOut.confidence < 0)
    }

    @Test func onlyTheClassOfACodeGivesALowConfidenceGenericDiagnosis() throws {
        let result = try diagnose(["451"])
        let first = try #require(result.diagnoses.first)
        #expect(first.definition.id == "server.transient")
        #expect(first.confidence == 0.25)
    }

    @Test func unknownTextIsNotRecognised() throws {
        let result = try diagnose(["the printer is on fire"])
        #expect(!result.isRecognised)
        #expect(result.checklist.isEmpty)
    }

    @Test func providerIsRecognisedFromTheHostAndItsCodesBecomeEvidence() throws {
        let result = try diagnose([
            "host mx1.acme.test[198.51.100.1] said: 534 5.7.9 Application-specific password required"
        ])
        #expect(result.provider?.id == "acme")
        let first = try #require(result.diagnoses.first)
        #expect(first.definition.id == "auth.bad-password")
        #expect(first.evidence.contains { $0.ruleID == "provider acme 5.7.9" })
    }

    @Test func providerStepsComeFirstInTheChecklist() throws {
        let result = try diagnose(["535 5.7.8 Authentication credentials invalid"], provider: "acme")
        #expect(result.checklist.map(\.step) == ["Reset it in the Acme console.", "Re-enter the password."])
        #expect(result.checklist.first?.provider == "acme")
    }

    @Test func checklistIsOrderedByLikelihoodOverEffortWithoutDuplicates() throws {
        let result = try diagnose(["Connection refused", "535 5.7.8 Authentication credentials invalid"])
        // connection.refused: 0.8 / effort 3; auth.bad-password: 0.8 / effort 1.
        #expect(result.checklist.map(\.remediationID) == ["check-password", "open-firewall"])
        #expect(Set(result.checklist.map(\.step)).count == result.checklist.count)
    }

    @Test func checklistLeavesOutFixesForFarLessLikelyCauses() throws {
        let result = try diagnose(["Connection refused", "451"])
        #expect(result.diagnoses.map(\.definition.id) == ["connection.refused", "server.transient"])
        #expect(result.checklist.map(\.remediationID) == ["open-firewall"])
    }

    @Test func severalErrorsAreReasonedAboutSeparatelyAndCombined() throws {
        let result = try diagnose(["535 first attempt", "535 second attempt"])
        let first = try #require(result.diagnoses.first)
        #expect(abs(first.confidence - CertaintyFactor.combine(0.6, 0.6)) < 1e-9)
        #expect(Set(first.evidence.compactMap(\.observation)) == [1, 2])
    }

    @Test func evidenceOnTheContextAloneCountsOnceBesideSeveralObservations() throws {
        let knowledgeBase = try TestKnowledge.load()
        let context = [Fact("network.error", .string("refused"), source: FactSource(.option))]
        let engine = InferenceEngine(knowledgeBase: knowledgeBase)
        let once = engine.diagnose(Evidence(context: context, observations: [Observation(facts: [])]))
        let twice = engine.diagnose(
            Evidence(context: context, observations: [Observation(facts: []), Observation(facts: [])]))
        let single = try #require(once.diagnoses.first { $0.definition.id == "connection.refused" })
        let beside = try #require(twice.diagnoses.first { $0.definition.id == "connection.refused" })
        #expect(single.confidence > 0)
        #expect(abs(beside.confidence - single.confidence) < 1e-9)
        #expect(beside.evidence.count == single.evidence.count)
    }

    @Test func rankingIsDeterministic() throws {
        let texts = ["Connection refused", "535 5.7.8 Authentication credentials invalid", "451"]
        let first = try diagnose(texts).diagnoses.map(\.definition.id)
        for _ in 0..<5 { #expect(try diagnose(texts).diagnoses.map(\.definition.id) == first) }
    }

    @Test func givenFactsAreNotOverwrittenByRules() throws {
        let knowledgeBase = try TestKnowledge.load()
        let evidence = Evidence(
            context: [Fact("network.error", .string("timeout"), source: FactSource(.option))],
            observations: [ErrorTextParser().parse("Connection refused")])
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(evidence)
        #expect(result.facts.contains { $0.name == "network.error" && $0.value == .string("timeout") })
        #expect(result.firings.isEmpty)
    }
}
