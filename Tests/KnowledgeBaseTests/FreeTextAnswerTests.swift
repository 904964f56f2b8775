import SMTPDoctorCore
import Testing

/// Answers typed as sentences are read through the vocabulary of the questions' answers in `questions.yaml`.
@Suite struct FreeTextAnswerTests {
    /// The facts the built-in question's answer to a sentence sets, as `name=value`.
    static func facts(_ questionID: String, _ sentence: String) throws -> [String] {
        let question = try #require(try BuiltInKnowledge.loaded.get().question(id: questionID))
        let answer = try question.interpret(sentence).get()
        return answer.facts.map { "\($0.fact.name)=\($0.value)" }
    }

    @Test func aChangeTellsWhatChanged() throws {
        #expect(
            try Self.facts("what-changed", "I changed the password yesterday") == ["change.recent=password-rotated"])
        #expect(try Self.facts("what-changed", "we turned on MFA last week") == ["change.recent=mfa-enabled"])
        #expect(try Self.facts("what-changed", "Nothing, as far as I know") == ["change.recent=none"])
    }

    @Test func aDeviceBrandTellsWhatSends() throws {
        #expect(try Self.facts("sender", "it's a Ricoh scanner") == ["situation.sender=device"])
        #expect(try Self.facts("sender", "our WordPress contact form") == ["situation.sender=application"])
    }

    @Test func aYesNoQuestionTakesASentence() throws {
        #expect(try Self.facts("mfa", "we turned on MFA") == ["account.mfa-enabled=yes"])
        #expect(try Self.facts("mfa", "No, never had it") == ["account.mfa-enabled=no"])
        let mfa = try #require(try BuiltInKnowledge.loaded.get().question(id: "mfa"))
        #expect(mfa.answer(inWords: "no idea, to be honest") == nil)
    }

    @Test func theLongestWordDecides() throws {
        // "app password" is longer than "password", which Basic sign-in also uses.
        #expect(
            try Self.facts("auth-type", "an app password from the Google account") == ["config.auth-type=app-password"])
    }

    @Test func aSentenceAboutAnotherQuestionAnswersThatOne() throws {
        var interview = Interview(chooser: QuestionChooser(model: AnswerModel(engine: try BuiltInKnowledge.engine())))
        let scanner = try #require(interview.answerElsewhere("it's a Ricoh scanner"))
        #expect(scanner.question.id == "sender")
        #expect(scanner.answer.id == "device")
        interview.record(scanner.answer, to: scanner.question)
        #expect(interview.answerElsewhere("it's a Ricoh scanner") == nil, "a question answered is not answered again")
        #expect(interview.answerElsewhere("the blue one") == nil)
    }

    @Test func aServerNamedAtAnotherQuestionAnswersTheServerQuestion() throws {
        var interview = Interview(chooser: QuestionChooser(model: AnswerModel(engine: try BuiltInKnowledge.engine())))
        let server = try #require(interview.answerElsewhere("smtp.office365.com:587"))
        #expect(server.question.kind == .hostPort)
        #expect(server.answer.id == "smtp.office365.com:587")
        #expect(interview.answerElsewhere("127.0.0.1:2587")?.answer.id == "127.0.0.1:2587")
        #expect(interview.answerElsewhere("5.7.8") == nil, "a status code is not a server")
        #expect(interview.answerElsewhere("587") == nil, "a port alone is not a server")
        interview.record(server.answer, to: server.question)
        #expect(interview.answerElsewhere("mail.example.com") == nil, "a question answered is not answered again")
    }

    @Test func aSentenceWithoutTheVocabularyOrWithTwoEqualReadingsIsNotGuessed() throws {
        let knowledgeBase = try BuiltInKnowledge.loaded.get()
        let sender = try #require(knowledgeBase.question(id: "sender"))
        #expect(throws: AnswerProblem.self) { try sender.interpret("the blue one").get() }
        // "relay" (server) and "alarm" (device) are equally long: neither is chosen.
        #expect(sender.answer(inWords: "the alarm relay") == nil)
    }
}
