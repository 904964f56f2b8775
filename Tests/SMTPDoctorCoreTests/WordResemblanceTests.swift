import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorCore

/// The category hint for texts no rule recognised, on a small knowledge base written inline.
@Suite struct WordResemblanceTests {
    /// Two categories with general diagnoses and a few phrases each, in German.
    private static let worded = [
        "categories.yaml": """
        - { id: auth, general: auth.unspecified, meaning: Authentication. }
        - { id: connection, general: connection.unspecified, meaning: Connection. }
        - { id: server, meaning: Server. }
        """,
        "diagnoses/general.yaml": """
        - id: auth.unspecified
          category: auth
          fallback: category
          title: An authentication problem
          summary: The words are about signing in.
          remediation: [check-password]
        - id: connection.unspecified
          category: connection
          fallback: category
          title: A connection problem
          summary: The words are about the connection.
          remediation: [open-firewall]
        """,
        "vocabulary/de.yaml": """
        - id: de.auth
          category: auth
          cf: 0.4
          terms: ["anmeldung fehlgeschlagen", "anmeldung verweigert", "benutzername oder kennwort falsch",
                  "kennwort abgelaufen"]
        - id: de.connection
          category: connection
          cf: 0.4
          terms: ["verbindung abgelehnt", "verbindung unterbrochen", "zeitüberschreitung der verbindung",
                  "keine verbindung zum server"]
        """,
    ]

    private func diagnose(_ error: String, threshold: Double = 0.2) throws -> DiagnosisResult {
        let knowledgeBase = try TestKnowledge.load(Self.worded)
        return InferenceEngine(knowledgeBase: knowledgeBase, threshold: threshold).diagnose(Evidence(errors: [error]))
    }

    @Test func wordsOfOneCategoryInAnotherOrderNameItsGeneralDiagnosisWeakly() throws {
        let result = try diagnose("Kennwort und Benutzername passen nicht, die Anmeldung wurde abgebrochen")
        let hint = try #require(result.diagnoses.first)
        #expect(result.diagnoses.count == 1)
        #expect(hint.definition.id == "auth.unspecified")
        #expect(hint.confidence == InferenceEngine.resemblanceCertainty)
        let firing = try #require(hint.evidence.first)
        #expect(firing.ruleID == "auth.unspecified#words")
        guard case .contains(let words, _) = try #require(firing.because.first).factTest else {
            Issue.record("the reason is not the words of the text")
            return
        }
        #expect(Set(words) == ["kennwort", "benutzername", "anmeldung"])
        #expect(hint.remediations.map(\.id) == ["check-password"])
        #expect(!result.checklist.isEmpty)
    }

    @Test func anInflectedWordMeetsItsStem() throws {
        let result = try diagnose("Verbindungen zum Mailserver wurden unterbrochen")
        #expect(result.diagnoses.map(\.definition.id) == ["connection.unspecified"])
    }

    @Test func oneWordAloneIsNotEnough() throws {
        #expect(try diagnose("Kennwort").diagnoses.isEmpty)
    }

    @Test func wordsTheKnowledgeBaseDoesNotUseStayNotRecognised() throws {
        #expect(try !diagnose("xyzzy plugh frobozz").isRecognised)
    }

    @Test func wordsSharedByBothCategoriesPointNowhere() throws {
        // "abgelaufen" is one of the sign-in phrases' words, "unterbrochen" one of the connection phrases'.
        #expect(try !diagnose("abgelaufen, unterbrochen").isRecognised)
    }

    @Test func aRecognisedTextGetsNoHint() throws {
        let result = try diagnose("535 5.7.8 Authentication credentials invalid, Anmeldung Kennwort")
        #expect(result.diagnoses.first?.definition.id == "auth.bad-password")
        #expect(!result.diagnoses.flatMap(\.evidence).contains { $0.ruleID.hasSuffix("#words") })
    }

    @Test func aThresholdAboveTheHintsCertaintyHidesIt() throws {
        let text = "Kennwort und Benutzername passen nicht, die Anmeldung wurde abgebrochen"
        #expect(try diagnose(text, threshold: 0.3).diagnoses.isEmpty)
    }

    @Test func wordsAreTheirFirstSevenLettersAndScriptsWithoutSpacesGoByPairs() {
        let latin = WordResemblance.words(of: "Die Anmeldung am Server: OK")
        #expect(latin.map(\.key) == ["die", "anmeldu", "server"])
        #expect(latin.map(\.shown) == ["die", "anmeldung", "server"])
        #expect(WordResemblance.words(of: "连接服务器失败").map(\.key) == ["连接", "接服", "服务", "务器", "器失", "失败"])
        #expect(WordResemblance.words(of: "12 ab, 3.4").isEmpty)
    }

    @Test func aSentenceAboutSomethingElseIsNotRecognisedByTheBuiltInKnowledge() throws {
        let knowledgeBase = try KnowledgeBase.load([RuleLayer.builtIn])
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(errors: ["The quick brown fox jumps over the lazy dog"]))
        #expect(!result.isRecognised)
    }
}
