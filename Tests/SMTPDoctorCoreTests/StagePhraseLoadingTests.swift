import Testing

@testable import SMTPDoctorCore

/// The phrases with which bounces name the SMTP command of a failure, loaded from `stage-phrases.yaml`.
@Suite struct StagePhraseLoadingTests {
    private let facts = TestKnowledge.facts.replacingOccurrences(
        of: "smtp.stage: { type: string, doc: the command answered }",
        with: "smtp.stage: { type: enum, values: [mail-from, rcpt-to], doc: the command answered }")

    @Test func phrasesKeepTheirFileOrder() throws {
        let phrases = """
            - { phrase: "in reply to rcpt to", stage: rcpt-to }
            - { phrase: "after mail from", stage: mail-from }
            """
        let knowledgeBase = try TestKnowledge.load(["facts.yaml": facts, "stage-phrases.yaml": phrases])
        #expect(
            knowledgeBase.stagePhrases == [
                StagePhrase(phrase: "in reply to rcpt to", stage: "rcpt-to"),
                StagePhrase(phrase: "after mail from", stage: "mail-from"),
            ])
    }

    @Test func aStageThatIsNoValueOfTheFactIsReportedAtItsLine() {
        let phrases = """
            - { phrase: "in reply to rcpt to", stage: rcpt-to }
            - { phrase: "after noop", stage: noop }
            - { phrase: "After Data", stage: mail-from }
            """
        let problems = TestKnowledge.problems(["facts.yaml": facts, "stage-phrases.yaml": phrases])
        #expect(
            problems == [
                "Rules/stage-phrases.yaml:2: stage phrase 'after noop': 'noop' is not a value of smtp.stage; "
                    + "use one of: mail-from, rcpt-to",
                "Rules/stage-phrases.yaml:3: stage phrase 'After Data' must be non-empty lower-case text",
            ])
    }

    @Test func theBounceReaderUsesThePhrasesItIsGiven() {
        let stages = BounceStage(phrases: [StagePhrase(phrase: "did not like our rcpt to", stage: "rcpt-to")])
        #expect(stages.stage(in: "mx.example.com DID NOT LIKE OUR RCPT TO: 550 no") == "rcpt-to")
        #expect(stages.stage(in: "in reply to MAIL FROM command") == nil)
        #expect(BounceStage().stage(in: "did not like our rcpt to") == nil)
    }
}
