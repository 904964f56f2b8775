import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorCore

/// Vocabulary, explaining away and rule precedence, on small knowledge bases written inline.
@Suite struct EvidenceLayerTests {
    /// A policy fallback reached from the class of the code, and a category with a general diagnosis.
    private static let layered = [
        "categories.yaml": """
        - { id: auth, meaning: Authentication. }
        - { id: connection, meaning: Connection. }
        - { id: server, meaning: Server. }
        - { id: tls, general: tls.unspecified, meaning: TLS. }
        """,
        "diagnoses/fallbacks.yaml": """
        - id: server.policy-refusal
          category: server
          fallback: code
          title: A refusal the code alone does not explain
          summary: Only the class of the code is known.
          evidence:
            - if: { reply.class: permanent }
              cf: 0.3
          remediation: [wait]
        - id: tls.unspecified
          category: tls
          fallback: category
          title: A TLS problem of a kind the text does not say
          summary: The words are about TLS.
          remediation: [wait]
        """,
        "vocabulary/en.yaml": """
        - { id: en.tls, category: tls, cf: 0.4, terms: ["tls", "certificate"] }
        - { id: en.tls-again, category: tls, cf: 0.35, terms: ["handshake"] }
        - id: en.bad-password
          diagnosis: auth.bad-password
          cf: 0.5
          terms: ["password"]
          with: ["wrong", "invalid"]
        - { id: code.auth, diagnosis: auth.bad-password, cf: 0.45, codes: ["X.7.8"] }
        """,
    ]

    private func diagnose(_ error: String, threshold: Double = 0.2) throws -> DiagnosisResult {
        let knowledgeBase = try TestKnowledge.load(Self.layered)
        return InferenceEngine(knowledgeBase: knowledgeBase, threshold: threshold).diagnose(Evidence(errors: [error]))
    }

    @Test func aSpecificDiagnosisExplainsAwayTheCodeFallbackAtAnyThreshold() throws {
        let result = try diagnose("535 5.7.8 Authentication credentials invalid", threshold: 0)
        #expect(result.diagnoses.map(\.definition.id) == ["auth.bad-password"])
        #expect(!result.ruledOut.contains { $0.definition.id == "server.policy-refusal" })
        let explained = try #require(result.explainedAway.first)
        #expect(explained.diagnosisID == "server.policy-refusal")
        #expect(explained.explainedBy == "auth.bad-password")
    }

    @Test func theCodeFallbackStandsWhenNothingMoreSpecificHolds() throws {
        let result = try diagnose("550 refused")
        #expect(result.diagnoses.map(\.definition.id) == ["server.policy-refusal"])
        #expect(result.explainedAway.isEmpty)
    }

    @Test func categoryWordsReachTheCategorysGeneralDiagnosisAndExplainAwayTheCodeFallback() throws {
        let result = try diagnose("550 TLS handshake refused")
        let first = try #require(result.diagnoses.first)
        #expect(first.definition.id == "tls.unspecified")
        #expect(result.explainedAway.map(\.diagnosisID) == ["server.policy-refusal"])
    }

    @Test func overlappingTermsOfOneDiagnosisCountOnce() throws {
        let result = try diagnose("certificate error during the TLS handshake")
        let first = try #require(result.diagnoses.first)
        #expect(first.definition.id == "tls.unspecified")
        #expect(abs(first.confidence - 0.4) < 1e-9)
        #expect(first.evidence.count == 2)
    }

    @Test func wordsGivenWithATermHoldInEitherOrder() throws {
        for text in ["the password is wrong", "wrong password"] {
            let result = try diagnose(text)
            #expect(result.diagnoses.first?.definition.id == "auth.bad-password", "\(text)")
        }
        #expect(try diagnose("password expired").diagnoses.isEmpty)
    }

    @Test func wordsGivenAsWithoutKeepTheEntryFromHolding() throws {
        let knowledgeBase = try TestKnowledge.load(
            Self.layered.merging(
                [
                    "vocabulary/without.yaml": """
                    - { id: en.secure, category: tls, cf: 0.4, terms: ["secure"], without: ["password", "webmail"] }
                    """
                ], uniquingKeysWith: { $1 }))
        let engine = InferenceEngine(knowledgeBase: knowledgeBase)
        let secure = engine.diagnose(Evidence(errors: ["secure channel could not be opened"]))
        #expect(secure.diagnoses.first?.definition.id == "tls.unspecified")
        for text in ["secure password could not be checked", "open the secure webmail"] {
            let fired = engine.diagnose(Evidence(errors: [text])).diagnoses.flatMap(\.evidence).map(\.ruleID)
            #expect(!fired.contains("vocabulary en.secure"), "\(text)")
        }
    }

    @Test func enhancedCodesOfAnyClassAreEvidence() throws {
        let result = try diagnose("454 4.7.8 try again")
        #expect(result.diagnoses.first?.definition.id == "auth.bad-password")
    }

    /// A registry with a generic detail (X.7.0) and a specific one (X.7.1), and words weaker than the code fallback.
    private func diagnoseWithCodes(_ error: String) throws -> DiagnosisResult {
        let files = Self.layered.merging(
            [
                "codes/enhanced.yaml": """
                codes:
                  - { code: X.7.0, title: Other or undefined security status, meaning: Any policy refusal., generic: true }
                  - { code: X.7.1, title: Delivery not authorized, meaning: The sender is not allowed. }
                """,
                "vocabulary/weak.yaml": """
                - { id: weak.tls, category: tls, cf: 0.25, terms: ["secure channel"] }
                """,
            ], uniquingKeysWith: { $1 })
        return InferenceEngine(knowledgeBase: try TestKnowledge.load(files)).diagnose(Evidence(errors: [error]))
    }

    @Test func withAGenericCodeTheWordsDecideHoweverWeakly() throws {
        let result = try diagnoseWithCodes("550 5.7.0 secure channel refused")
        #expect(result.diagnoses.map(\.definition.id) == ["tls.unspecified"])
        #expect(result.explainedAway.map(\.diagnosisID) == ["server.policy-refusal"])
        #expect(result.explainedAway.first?.explainedBy == "tls.unspecified")
    }

    @Test func aSpecificDetailKeepsItsWeightAgainstWeakerWords() throws {
        let result = try diagnoseWithCodes("550 5.7.1 secure channel refused")
        #expect(result.diagnoses.map(\.definition.id) == ["server.policy-refusal", "tls.unspecified"])
        #expect(result.explainedAway.isEmpty)
    }

    @Test func aGenericCodeWithoutWordsKeepsItsFallback() throws {
        let result = try diagnoseWithCodes("550 5.7.0 refused")
        #expect(result.diagnoses.map(\.definition.id) == ["server.policy-refusal"])
    }

    @Test func genericMustBeTrueOrFalse() {
        let problems = TestKnowledge.problems(
            Self.layered.merging(
                [
                    "codes/enhanced.yaml": """
                    codes:
                      - { code: X.7.0, title: Other, meaning: Any., generic: maybe }
                    """
                ], uniquingKeysWith: { $1 }))
        #expect(problems.contains { $0.hasPrefix("Rules/codes/enhanced.yaml:2:") && $0.contains("generic") })
    }

    @Test func vocabularyMistakesAreReportedAtTheirLine() {
        let problems = TestKnowledge.problems(
            Self.layered.merging(
                [
                    "vocabulary/bad.yaml": """
                    - { id: bad.target, category: dns, cf: 0.4, terms: ["dns"] }
                    - { id: bad.strength, category: tls, cf: 0.9, terms: ["tls"] }
                    - { id: bad.code, category: tls, cf: 0.4, codes: ["5.7.10"] }
                    - { id: bad.empty, diagnosis: auth.bad-password, cf: 0.4 }
                    - { id: bad.without, category: tls, cf: 0.4, codes: ["X.7.10"], without: ["ssl"] }
                    """
                ], uniquingKeysWith: { $1 }))
        #expect(
            problems.contains { $0.hasPrefix("Rules/vocabulary/bad.yaml:1:") && $0.contains("no general diagnosis") })
        #expect(problems.contains { $0.hasPrefix("Rules/vocabulary/bad.yaml:2:") && $0.contains("at most 0.6") })
        #expect(problems.contains { $0.hasPrefix("Rules/vocabulary/bad.yaml:3:") && $0.contains("X.7.10") })
        #expect(problems.contains { $0.hasPrefix("Rules/vocabulary/bad.yaml:4:") && $0.contains("'terms' or 'codes'") })
        #expect(
            problems.contains { $0.hasPrefix("Rules/vocabulary/bad.yaml:5:") && $0.contains("'without' needs 'terms'") }
        )
    }

    @Test func priorityDecidesWhichRuleSetsAFactNotFileOrder() throws {
        let rules = """
            - id: a-generic
              if: { error.text: { contains: "refused" } }
              then: { network.error: timeout }
            - id: b-specific
              if: { error.text: { contains: "connection refused" } }
              then: { network.error: refused }
              priority: 10
            """
        let knowledgeBase = try TestKnowledge.load(["rules/all.yaml": TestKnowledge.rules + "\n" + rules])
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(errors: ["connect: connection refused"]))
        #expect(result.facts.contains { $0.name == "network.error" && $0.value == .string("refused") })
        #expect(result.firings.contains { $0.ruleID == "b-specific" })
        #expect(!result.firings.contains { $0.ruleID == "a-generic" })
    }

    @Test(arguments: [0.0, 0.2])
    func theBuiltInKnowledgeShowsNoRelayCauseForRejectedCredentials(threshold: Double) throws {
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        let result = InferenceEngine(knowledgeBase: knowledgeBase, threshold: threshold).diagnose(
            Evidence(errors: ["535 5.7.8 Authentication credentials invalid"]))
        #expect(result.diagnoses.first?.definition.id == "auth.bad-credentials")
        let relay = (result.diagnoses + result.ruledOut).filter { $0.definition.category == "relay" }
        #expect(relay.isEmpty, "\(relay.map(\.definition.id))")
    }

    @Test(arguments: [
        "450 4.7.1 Client host rejected: cannot find your hostname",
        "450 4.7.0 DMARC evaluation temporarily failed",
        "450 4.1.8 <a@example.org>: Sender address rejected: Domain not found",
    ])
    func aBare450NamesNoMailboxWhenItsEnhancedCodeNamesAnotherSubject(reply: String) throws {
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        let result = InferenceEngine(knowledgeBase: knowledgeBase, threshold: 0).diagnose(Evidence(errors: [reply]))
        let first = try #require(result.diagnoses.first)
        #expect(first.definition.category != "mailbox")
        let mailbox = result.diagnoses.filter { $0.definition.category == "mailbox" }
        #expect(mailbox.isEmpty, "\(mailbox.map(\.definition.id))")
    }

    @Test func aBare450WithAMailboxCodeStillNamesTheMailbox() throws {
        let knowledgeBase = try KnowledgeBase.load([.builtIn])
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(Evidence(errors: ["450 4.2.1 try later"]))
        #expect(result.diagnoses.first?.definition.id == "mailbox.temporarily-unavailable")
    }
}
