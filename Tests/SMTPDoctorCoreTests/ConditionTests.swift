import Testing

@testable import SMTPDoctorCore

/// Conditions are tested through derivation rules: a rule sets `network.error: refused` when its condition holds.
@Suite struct ConditionTests {
    private func holds(_ condition: String, facts given: [String: FactValue]) throws -> Bool {
        let rules = """
            - id: probe
              if: \(condition)
              then: { network.error: refused }
            """
        let knowledgeBase = try TestKnowledge.load(["rules/all.yaml": rules])
        let observation = Observation(facts: given.map { Fact($0.key, $0.value, source: FactSource(.option)) })
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(Evidence(observations: [observation]))
        return result.firings.contains { $0.ruleID == "probe" }
    }

    @Test func equalityOnNumbers() throws {
        #expect(try holds("{ reply.code: 535 }", facts: ["reply.code": .int(535)]))
        #expect(try !holds("{ reply.code: 535 }", facts: ["reply.code": .int(534)]))
    }

    @Test func equalityOnTextIgnoresCase() throws {
        #expect(try holds("{ remote.host: MX.Example.COM }", facts: ["remote.host": .string("mx.example.com")]))
    }

    @Test func anyOfAList() throws {
        #expect(try holds("{ reply.code: [530, 535] }", facts: ["reply.code": .int(530)]))
        #expect(try !holds("{ reply.code: [530, 535] }", facts: ["reply.code": .int(550)]))
    }

    @Test func prefixContainsAndMatches() throws {
        let text: [String: FactValue] = [
            "error.text": .string("550 5.7.1 Relay ACCESS denied"), "reply.enhanced": .string("5.7.1"),
        ]
        #expect(try holds(#"{ reply.enhanced: { prefix: "5.7." } }"#, facts: text))
        #expect(try holds(#"{ error.text: { contains: "relay access denied" } }"#, facts: text))
        #expect(try holds(#"{ error.text: { contains: ["nothing", "access denied"] } }"#, facts: text))
        #expect(try !holds(#"{ error.text: { contains: "unable to relay" } }"#, facts: text))
        #expect(try holds(#"{ error.text: { matches: "(?i)relay\\s+access" } }"#, facts: text))
    }

    @Test func numericComparisons() throws {
        let code: [String: FactValue] = ["reply.code": .int(452)]
        #expect(try holds("{ reply.code: { between: [400, 499] } }", facts: code))
        #expect(try holds("{ reply.code: { gte: 452 } }", facts: code))
        #expect(try !holds("{ reply.code: { gt: 452 } }", facts: code))
        #expect(try holds("{ reply.code: { lt: 500 } }", facts: code))
        #expect(try !holds("{ reply.code: { lte: 451 } }", facts: code))
    }

    @Test func existsAndNotOnUnknownFacts() throws {
        #expect(try holds("{ remote.host: { exists: false } }", facts: [:]))
        #expect(try !holds("{ remote.host: { exists: true } }", facts: [:]))
        #expect(try holds("{ not: { reply.code: 535 } }", facts: [:]))
        #expect(try !holds("{ reply.code: { not: 535 } }", facts: [:]))
        #expect(try holds("{ reply.code: { not: 535 } }", facts: ["reply.code": .int(550)]))
    }

    @Test func allAndAnyAndSeveralKeys() throws {
        let facts: [String: FactValue] = ["reply.code": .int(535), "reply.enhanced": .string("5.7.8")]
        #expect(try holds("{ reply.code: 535, reply.enhanced: 5.7.8 }", facts: facts))
        #expect(try !holds("{ reply.code: 535, reply.enhanced: 5.7.3 }", facts: facts))
        #expect(try holds("{ any: [ { reply.code: 1 }, { reply.enhanced: 5.7.8 } ] }", facts: facts))
        #expect(try !holds("{ all: [ { reply.code: 535 }, { reply.enhanced: 5.7.3 } ] }", facts: facts))
    }

    @Test func typeMismatchesAreLoadErrors() {
        let rules = """
            - id: probe
              if: { reply.code: { contains: "53" } }
              then: { network.error: refused }
            - id: probe-2
              if: { error.text: { gt: 3 } }
              then: { network.error: refused }
            """
        let problems = TestKnowledge.problems(["rules/all.yaml": rules])
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.hasPrefix("Rules/rules/all.yaml:") })
    }
}
