import Testing

@testable import SMTPDoctorCore

/// A knowledge base where the right question is obvious: two sign-in causes that only the sign-in method tells
/// apart, one network cause, and a question about something no rule reads.
enum InterviewKnowledge {
    static let facts = """
        error.text: { type: text, doc: pasted text }
        reply.code: { type: int, doc: code }
        reply.enhanced: { type: string, doc: enhanced code }
        reply.text: { type: text, doc: reply text }
        network.error: { type: enum, values: [refused, timeout], doc: network }
        config.auth-type: { type: enum, values: [basic, oauth2], doc: sign-in method }
        config.host: { type: string, doc: host }
        config.port: { type: int, doc: port }
        remote.host: { type: string, doc: host }
        remote.ip: { type: string, doc: address }
        error.format: { type: string, doc: the structure recognised }
        smtp.stage: { type: string, doc: the command answered }
        office.colour: { type: enum, values: [red, blue], doc: nothing any rule reads }
        """

    static let diagnoses = """
        - id: auth.basic-refused
          category: auth
          title: Password sign-in refused
          summary: The server no longer accepts passwords.
          evidence:
            - { if: { reply.code: 535 }, cf: 0.5 }
            - { if: { config.auth-type: basic }, cf: 0.6 }
          remediation: [check-password]
          examples: ["535 5.7.3 basic authentication is disabled"]
        - id: auth.token-refused
          category: auth
          title: Token refused
          summary: The OAuth token was refused.
          evidence:
            - { if: { reply.code: 535 }, cf: 0.5 }
            - { if: { config.auth-type: oauth2 }, cf: 0.6 }
          remediation: [check-password]
          examples: ["535 5.7.3 token rejected"]
        - id: connection.refused
          category: connection
          title: Nothing listens on the port
          summary: The connection was refused.
          evidence:
            - { if: { network.error: refused }, cf: 0.9 }
            - { if: { config.port: 2525 }, cf: 0.3 }
          remediation: [open-firewall]
          examples: ["connection refused"]
        """

    static let rules = """
        - id: refused-from-text
          if: { error.text: { contains: "connection refused" } }
          then: { network.error: refused }
        """

    static func questions(authCost: Int = 1) -> String {
        """
        - id: colour
          text: What colour is the office?
          kind: choice
          cost: 1
          answers:
            - { id: red, label: Red, sets: { office.colour: red } }
            - { id: blue, label: Blue, sets: { office.colour: blue } }
        - id: auth-type
          text: How does the application sign in?
          kind: choice
          cost: \(authCost)
          answers:
            - { id: basic, label: Password, sets: { config.auth-type: basic } }
            - { id: oauth2, label: OAuth, sets: { config.auth-type: oauth2 } }
        - id: network
          text: Does a connection test say refused?
          kind: yes-no
          cost: 1
          yes: { network.error: refused }
          no: { network.error: timeout }
        - id: server
          text: Which server and port?
          kind: host-port
          host-facts: [config.host, remote.host]
          port-fact: config.port
        - id: error
          text: What error do you see?
          kind: error
          cost: 2
          ask-when: { config.auth-type: { exists: true } }
        """
    }

    static func load(authCost: Int = 1) throws -> KnowledgeBase {
        try TestKnowledge.load([
            "facts.yaml": facts, "diagnoses/all.yaml": diagnoses, "rules/all.yaml": rules,
            "questions.yaml": questions(authCost: authCost),
        ])
    }

    static func chooser(authCost: Int = 1) throws -> QuestionChooser {
        QuestionChooser(model: AnswerModel(engine: InferenceEngine(knowledgeBase: try load(authCost: authCost))))
    }
}

@Suite struct QuestionChooserTests {
    @Test func asksTheQuestionThatSplitsTheMostLikelyCausesFirst() throws {
        let chooser = try InterviewKnowledge.chooser()
        guard case .ask(let choice) = chooser.next(answers: []) else {
            Issue.record("expected a question")
            return
        }
        #expect(choice.question.id == "auth-type")
        #expect(choice.gain > 0)
    }

    @Test func aQuestionNoRuleReadsIsNeverWorthAsking() throws {
        let chooser = try InterviewKnowledge.chooser()
        let model = chooser.model
        let colour = try #require(model.engine.knowledgeBase.questions.firstIndex { $0.id == "colour" })
        #expect(model.implied[colour].allSatisfy { $0 == nil })
        var answers: [InterviewAnswer] = []
        while case .ask(let choice) = chooser.next(answers: answers) {
            #expect(choice.question.id != "colour")
            answers.append(InterviewAnswer(questionID: choice.question.id, answer: nil))
        }
    }

    @Test func aCostlyQuestionGivesWayToACheapOne() throws {
        let chooser = try InterviewKnowledge.chooser(authCost: 5)
        guard case .ask(let choice) = chooser.next(answers: []) else {
            Issue.record("expected a question")
            return
        }
        #expect(choice.question.id == "network")
    }

    @Test func stopsWhenOneCauseIsCertainEnough() throws {
        let chooser = try InterviewKnowledge.chooser()
        let network = try #require(chooser.model.engine.knowledgeBase.question(id: "network"))
        let yes = try #require(network.answers.first { $0.id == "yes" })
        guard case .confident(let id) = chooser.next(answers: [InterviewAnswer(questionID: "network", answer: yes)])
        else {
            Issue.record("expected the interview to stop")
            return
        }
        #expect(id == "connection.refused")
    }

    @Test func askWhenKeepsAQuestionBackUntilItMakesSense() throws {
        let chooser = try InterviewKnowledge.chooser()
        let engine = chooser.model.engine
        let before = chooser.askable(answers: [], result: engine.diagnose(Evidence()))
        #expect(!before.map { engine.knowledgeBase.questions[$0].id }.contains("error"))
        let authType = try #require(engine.knowledgeBase.question(id: "auth-type"))
        let answers = [InterviewAnswer(questionID: "auth-type", answer: authType.answers[0])]
        let after = chooser.askable(answers: answers, result: engine.diagnose(Evidence(answers: answers)))
        #expect(after.map { engine.knowledgeBase.questions[$0].id }.contains("error"))
        #expect(!after.map { engine.knowledgeBase.questions[$0].id }.contains("auth-type"))
    }

    @Test func eachDiagnosisImpliesTheAnswerItsEvidenceReads() throws {
        let model = try InterviewKnowledge.chooser().model
        let questions = model.engine.knowledgeBase.questions
        func implied(_ question: String, _ diagnosis: String) -> String? {
            let q = questions.firstIndex { $0.id == question }!
            return model.implied[q][model.diagnosisIndex[diagnosis]!].map { model.candidates[q][$0].id }
        }
        #expect(implied("auth-type", "auth.basic-refused") == "basic")
        #expect(implied("auth-type", "auth.token-refused") == "oauth2")
        #expect(implied("auth-type", "connection.refused") == nil)
        #expect(implied("network", "connection.refused") == "yes")
        #expect(implied("server", "connection.refused") == "mail.example.com:2525")
        #expect(implied("error", "auth.token-refused") == "535 5.7.3 token rejected")
    }

    @Test func anAnswerCountsAgainstTheCausesThatExpectedAnotherAndNoOtherCause() throws {
        let chooser = try InterviewKnowledge.chooser()
        let model = chooser.model
        let authType = try #require(model.engine.knowledgeBase.question(id: "auth-type"))
        let basic = [InterviewAnswer(questionID: "auth-type", answer: authType.answers[0])]
        let against = model.contradiction(basic)
        let token = try #require(model.diagnosisIndex["auth.token-refused"])
        #expect(abs(against[token] - 0.6 * model.contradictionWeight) < 1e-9)
        #expect(against[try #require(model.diagnosisIndex["auth.basic-refused"])] == 0)
        #expect(against[try #require(model.diagnosisIndex["connection.refused"])] == 0)
        let before = chooser.distribution(model.engine.diagnose(Evidence()))
        let after = chooser.distribution(model.engine.diagnose(Evidence(answers: basic)), answers: basic)
        #expect(after.probabilities[token] < before.probabilities[token])
    }

    @Test func unknownCountsALittleAgainstEveryCauseThatExpectedAnAnswer() throws {
        var model = try InterviewKnowledge.chooser().model
        let unknown = [InterviewAnswer(questionID: "auth-type", answer: nil)]
        let token = try #require(model.diagnosisIndex["auth.token-refused"])
        let basic = try #require(model.diagnosisIndex["auth.basic-refused"])
        let refused = try #require(model.diagnosisIndex["connection.refused"])
        let against = model.contradiction(unknown)
        for cause in [token, basic] {
            #expect(abs(against[cause] - 0.6 * model.contradictionWeight * model.unknownWeight) < 1e-9)
        }
        #expect(against[refused] == 0)
        #expect(model.contradiction([InterviewAnswer(questionID: "colour", answer: nil)]).allSatisfy { $0 == 0 })
        model.unknownWeight = 0
        #expect(model.contradiction(unknown).allSatisfy { $0 == 0 })
    }

    @Test func aForgetfulCustomerAnswersUnknownToSomeOfWhatTheCauseShows() throws {
        let chooser = try InterviewKnowledge.chooser()
        let knowledgeBase = chooser.model.engine.knowledgeBase
        let pairs = knowledgeBase.questions.indices.flatMap { question in
            knowledgeBase.diagnoses.indices.map { (question, $0) }
        }.filter { chooser.model.implied[$0.0][$0.1] != nil }
        let forgetful = InterviewSimulation(chooser: chooser, forgetting: 0.5)
        let forgotten = pairs.filter { forgetful.oracleAnswer(question: $0.0, diagnosis: $0.1) == nil }
        #expect(!forgotten.isEmpty && forgotten.count < pairs.count)
        let everything = InterviewSimulation(chooser: chooser, forgetting: 1)
        #expect(pairs.allSatisfy { everything.oracleAnswer(question: $0.0, diagnosis: $0.1) == nil })
        let nothing = InterviewSimulation(chooser: chooser)
        #expect(pairs.allSatisfy { nothing.oracleAnswer(question: $0.0, diagnosis: $0.1) != nil })
    }

    @Test func anAnswerGivenAsAFactCountsLikeTheQuestionsAnswer() throws {
        let model = try InterviewKnowledge.chooser().model
        let knowledgeBase = model.engine.knowledgeBase
        let fact = try #require(
            InterviewAnswer(fact: "config.auth-type", value: .string("oauth2"), knowledgeBase: knowledgeBase))
        let authType = try #require(knowledgeBase.questions.firstIndex { $0.id == "auth-type" })
        #expect(model.position(of: fact)?.question == authType)
        #expect(model.position(of: fact)?.answer == 1)
        let basic = try #require(model.diagnosisIndex["auth.basic-refused"])
        #expect(model.contradiction([fact])[basic] > 0)
    }

    @Test func equalScoresGoToTheCheaperQuestionThenTheEarlierOne() throws {
        let knowledgeBase = try InterviewKnowledge.load()
        func choice(_ id: String, score: Double) throws -> QuestionChooser.Choice {
            let index = try #require(knowledgeBase.questions.firstIndex { $0.id == id })
            return QuestionChooser.Choice(
                question: knowledgeBase.questions[index], index: index, gain: score, score: score, separates: [])
        }
        let colour = try choice("colour", score: 0.5)
        let authType = try choice("auth-type", score: 0.5 * (1 + 1e-12))
        let error = try choice("error", score: 0.5)
        #expect(QuestionChooser.precedes(colour, authType))
        #expect(!QuestionChooser.precedes(authType, colour))
        #expect(QuestionChooser.precedes(colour, error))
        #expect(!QuestionChooser.precedes(error, colour))
        #expect(QuestionChooser.precedes(try choice("error", score: 0.6), colour))
    }

    @Test func theEntropyOfAUniformDistributionIsTheLogOfItsSize() {
        let uniform = HypothesisDistribution(certainties: [0, 0, 0, 0], priors: [1, 1, 1, 1])
        #expect(abs(uniform.entropy - 2) < 1e-9)
        let ruledOut = HypothesisDistribution(certainties: [0.9, -1, 0, 0], priors: [1, 1, 1, 1])
        #expect(ruledOut.probabilities[1] < 0.01)
        #expect(ruledOut.probabilities[0] > 0.85)
    }

    @Test func simulatedOracleReachesEveryDiagnosisWithFewerQuestionsThanFileOrder() throws {
        let simulation = InterviewSimulation(chooser: try InterviewKnowledge.chooser())
        let count = simulation.chooser.model.engine.knowledgeBase.diagnoses.count
        var gainQuestions = 0
        var fileQuestions = 0
        for diagnosis in 0..<count {
            let byGain = simulation.run(diagnosis: diagnosis, strategy: .informationGain)
            let byFile = simulation.run(diagnosis: diagnosis, strategy: .fileOrder)
            #expect(byGain.isRight, "\(byGain.diagnosisID) → \(byGain.leadingID ?? "nothing")")
            gainQuestions += byGain.asked.count
            fileQuestions += byFile.asked.count
        }
        #expect(gainQuestions < fileQuestions)
    }
}

@Suite struct InterviewTests {
    @Test func backUndoesTheLastAnswer() throws {
        var interview = Interview(chooser: try InterviewKnowledge.chooser())
        let question = try #require(interview.knowledgeBase.question(id: "network"))
        interview.record(question.answers[0], to: question)
        #expect(interview.result.diagnoses.first?.definition.id == "connection.refused")
        #expect(interview.back()?.questionID == "network")
        #expect(interview.result.diagnoses.isEmpty)
        #expect(interview.back() == nil)
    }

    @Test func anErrorAnswerGoesThroughTheErrorParser() throws {
        var interview = Interview(chooser: try InterviewKnowledge.chooser())
        let question = try #require(interview.knowledgeBase.question(id: "error"))
        interview.record(try question.interpret("Connection refused by server").get(), to: question)
        let fact = try #require(interview.result.facts.first { $0.name == "network.error" })
        #expect(fact.value == .string("refused"))
        #expect(interview.result.facts.first { $0.name == "error.text" }?.source == FactSource(.answer, "error"))
    }

    @Test func typedAnswersAreReadByNumberIdOrAlias() throws {
        let knowledgeBase = try InterviewKnowledge.load()
        let authType = try #require(knowledgeBase.question(id: "auth-type"))
        #expect(try authType.interpret("2").get().id == "oauth2")
        #expect(try authType.interpret(" BASIC ").get().id == "basic")
        #expect(throws: AnswerProblem.self) { try authType.interpret("7").get() }
        let network = try #require(knowledgeBase.question(id: "network"))
        #expect(try network.interpret("y").get().id == "yes")
        let server = try #require(knowledgeBase.question(id: "server"))
        let answer = try server.interpret("Smtp.Example.com:465").get()
        #expect(answer.facts.map(\.value) == [.string("smtp.example.com"), .string("smtp.example.com"), .int(465)])
        #expect(throws: AnswerProblem.self) { try server.interpret("smtp.example.com:99999").get() }
    }
}

@Suite struct QuestionLoaderTests {
    @Test func anAnswerSettingAnUndeclaredFactNamesFileAndLine() {
        let problems = TestKnowledge.problems([
            "facts.yaml": InterviewKnowledge.facts, "diagnoses/all.yaml": InterviewKnowledge.diagnoses,
            "questions.yaml": """
            - id: q
              text: Which?
              kind: choice
              answers:
                - { id: a, label: A, sets: { config.auth-typo: basic } }
            """,
        ])
        #expect(problems.contains { $0.hasPrefix("Rules/questions.yaml:5:") && $0.contains("config.auth-typo") })
    }

    @Test func anAnswerOutsideAnEnumAndAnUnknownKindAreReported() {
        let problems = TestKnowledge.problems([
            "facts.yaml": InterviewKnowledge.facts, "diagnoses/all.yaml": InterviewKnowledge.diagnoses,
            "questions.yaml": """
            - id: q
              text: Which?
              kind: yes-no
              yes: { config.auth-type: kerberos }
              no: { config.auth-type: basic }
            - id: r
              text: What?
              kind: essay
            """,
        ])
        #expect(problems.contains { $0.hasPrefix("Rules/questions.yaml:4:") && $0.contains("kerberos") })
        #expect(problems.contains { $0.hasPrefix("Rules/questions.yaml:8:") && $0.contains("unknown kind 'essay'") })
    }

    @Test func anUnknownLookupIsReportedWithItsLine() {
        let problems = TestKnowledge.problems([
            "facts.yaml": InterviewKnowledge.facts, "diagnoses/all.yaml": InterviewKnowledge.diagnoses,
            "questions.yaml": """
            - id: q
              text: Which?
              kind: yes-no
              lookup: whois
              yes: { config.auth-type: basic }
              no: { config.auth-type: basic }
            """,
        ])
        #expect(problems.contains { $0.hasPrefix("Rules/questions.yaml:4:") && $0.contains("unknown lookup 'whois'") })
    }
}
