import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SMTPDoctorCore
import SMTPDoctorReports
import SMTPDoctorServe
import Testing

@Suite struct ServeInterviewTests {
    /// The JSON of one interview step.
    struct Step: Decodable {
        struct Entry: Codable, Hashable {
            var question: String
            var answer: String?
        }
        struct Question: Decodable {
            struct Choice: Decodable {
                var id: String
            }
            var id: String
            var kind: String
            var choices: [Choice]
        }
        var answers: [Entry]
        var question: Question?
        var ending: String?
    }

    static func decode(_ body: String) throws -> Step {
        try JSONDecoder().decode(Step.self, from: Data(body.utf8))
    }

    static func answersJSON(_ entries: [Step.Entry]) throws -> String {
        String(decoding: try JSONEncoder().encode(entries), as: UTF8.self)
    }

    /// The first answer of a choice, "unknown" for the rest.
    static func firstChoice(_ question: Step.Question) -> String? {
        question.choices.first?.id
    }

    @Test func anInterviewWalkedThroughTheAPIEndsWithTheCommandLinesConclusion() async throws {
        let knowledgeBase = try ServeHarness.knowledgeBase.get()
        let error = try #require(knowledgeBase.questions.first { $0.kind == .error })
        try await ServeHarness().test { client in
            // The error pasted first, as a person who has one would: fewer questions follow.
            let pasted = #"{"question": "\#(error.id)", "answer": "535 5.7.8 Authentication credentials invalid"}"#
            var step = try Self.decode(
                try await Browser.postJSON(client, "/api/interview/start", #"{"answers": [\#(pasted)]}"#).body)
            #expect(step.answers.count == 1)
            var asked = 0
            while let question = step.question, asked < 64 {
                let answer = Self.firstChoice(question).map { "\"\($0)\"" } ?? "null"
                let response = try await Browser.postJSON(
                    client, "/api/interview/answer",
                    #"{"answers": \#(try Self.answersJSON(step.answers)), "question": "\#(question.id)", "#
                        + #""answer": \#(answer)}"#)
                #expect(response.status == .ok, "\(response.body)")
                step = try Self.decode(response.body)
                asked += 1
                #expect(step.answers.count == asked + 1)
            }
            #expect(step.question == nil)
            #expect(step.ending == "confident" || step.ending == "no-useful-question")
            let result = try await Browser.postJSON(
                client, "/api/interview/result", #"{"answers": \#(try Self.answersJSON(step.answers))}"#)
            #expect(result.status == .ok)

            // The same answers through the interview the command line runs.
            var interview = Interview(chooser: try ServeHarness.interviewChooser.get())
            for entry in step.answers {
                let question = try #require(knowledgeBase.questions.first { $0.id == entry.question })
                interview.record(try entry.answer.map { try question.interpret($0).get() }, to: question)
            }
            let ending: InterviewSummary.Ending = step.ending == "confident" ? .confident : .noUsefulQuestion
            let expected = try DiagnosisJSONRenderer(toolVersion: "test").render(
                interview.conclusion(separator: ending == .confident ? nil : interview.separator()),
                knowledgeBase: knowledgeBase,
                interview: InterviewSummary(answers: interview.answers, knowledgeBase: knowledgeBase, ending: ending))
            #expect(result.body == expected)
            #expect(result.body.contains(#""interview""#))
        }
    }

    @Test func backUndoesTheLastAnswerAndAsksItsQuestionAgain() async throws {
        try await ServeHarness().test { client in
            let start = try Self.decode(try await Browser.postJSON(client, "/api/interview/start", "{}").body)
            let first = try #require(start.question)
            let answered = try Self.decode(
                try await Browser.postJSON(
                    client, "/api/interview/answer", #"{"answers": [], "question": "\#(first.id)", "answer": null}"#
                ).body)
            #expect(answered.answers == [.init(question: first.id, answer: nil)])
            #expect(answered.question?.id != first.id)
            let back = try Self.decode(
                try await Browser.postJSON(
                    client, "/api/interview/back", #"{"answers": \#(try Self.answersJSON(answered.answers))}"#
                ).body)
            #expect(back.answers.isEmpty)
            #expect(back.question?.id == first.id)
        }
    }

    @Test func wrongAnswersAndForgedListsAreRefusedWithAMessage() async throws {
        try await ServeHarness().test { client in
            let first = try #require(
                try Self.decode(try await Browser.postJSON(client, "/api/interview/start", "{}").body).question)
            let unknownQuestion = try await Browser.postJSON(
                client, "/api/interview/answer", #"{"question": "<script>x</script>", "answer": "yes"}"#)
            #expect(unknownQuestion.status == .badRequest)
            #expect(!unknownQuestion.body.contains("<script>"))
            let twice = try await Browser.postJSON(
                client, "/api/interview/answer",
                #"{"answers": [{"question": "\#(first.id)"}], "question": "\#(first.id)", "answer": null}"#)
            #expect(twice.status == .badRequest)
            let many = (0..<65).map { #"{"question": "q\#($0)"}"# }.joined(separator: ",")
            let tooMany = try await Browser.postJSON(client, "/api/interview/result", #"{"answers": [\#(many)]}"#)
            #expect(tooMany.status == .contentTooLarge)
            let huge = String(repeating: "5", count: 100 << 10)
            let tooLong = try await Browser.postJSON(
                client, "/api/interview/result", #"{"answers": [{"question": "\#(first.id)", "answer": "\#(huge)"}]}"#)
            #expect(tooLong.status == .contentTooLarge)
            let choice = try #require(try ServeHarness.knowledgeBase.get().questions.first { $0.kind == .choice })
            let wrong = try await Browser.postJSON(
                client, "/api/interview/answer", #"{"question": "\#(choice.id)", "answer": "no such answer"}"#)
            #expect(wrong.status == .badRequest)
            #expect(wrong.body.contains(choice.expectation), "\(wrong.body)")
        }
    }

    @Test func thePageAsksOneQuestionAtATimeGoesBackAndEndsWithDownloads() async throws {
        try await ServeHarness().test { client in
            let token = try await Browser.token(client, page: "/interview")
            let start = try await client.execute(
                uri: "/interview", method: .get, headers: [.cookie: "smtp_doctor_csrf=\(token)"]
            ) { String(buffer: $0.body) }
            #expect(start.contains(#"id="progress">Question 1"#))
            #expect(start.contains(#"<details id="why"><summary>Why this question?"#))
            #expect(!start.contains(#"id="back""#))
            let firstID = try #require(Self.hidden("question", in: start))

            let second = try await Browser.post(
                client, "/interview", token: token,
                fields: [("answers", "[]"), ("question", firstID), ("action", "unknown")])
            #expect(second.status == .ok)
            #expect(second.body.contains(#"id="progress">Question 2"#), "\(second.body)")
            #expect(second.body.contains(#"id="back""#))
            let carried = try #require(Self.hidden("answers", in: second.body))
            #expect(carried.contains(firstID))

            let back = try await Browser.post(
                client, "/interview", token: token, fields: [("answers", carried), ("action", "back")])
            #expect(back.body.contains(#"id="progress">Question 1"#))
            #expect(Self.hidden("question", in: back.body) == firstID)

            let end = try await Browser.post(
                client, "/interview", token: token, fields: [("answers", carried), ("action", "finish")])
            #expect(end.body.contains(#"id="ending">The interview ended: stopped on request"#), "\(end.body)")
            #expect(end.body.contains(#"id="answers""#))
            let id = try #require(ResultLink.id(in: end.body))
            let json = try await client.execute(uri: "/results/\(id)/report.json", method: .get) {
                String(buffer: $0.body)
            }
            #expect(json.contains(#""interview""#))
            #expect(json.contains(firstID))
        }
    }

    @Test func thePageRefusesAPostWithoutItsTokenAndADamagedAnswerList() async throws {
        try await ServeHarness().test { client in
            let forged = try await client.execute(
                uri: "/interview", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Browser.formBody([("answers", "[]"), ("action", "finish")])
            ) { $0.status }
            #expect(forged == .forbidden)
            let token = try await Browser.token(client, page: "/interview")
            let damaged = try await Browser.post(
                client, "/interview", token: token, fields: [("answers", "{not json"), ("action", "finish")])
            #expect(damaged.status == .badRequest)
            #expect(damaged.body.contains(#"id="problem""#))
        }
    }

    @Test func markupInATypedAnswerIsShownNeverInterpretedAndInvalidUTF8IsRefused() async throws {
        let question = try #require(try ServeHarness.knowledgeBase.get().questions.first { $0.kind == .error })
        try await ServeHarness().test { client in
            let token = try await Browser.token(client, page: "/interview")
            let typed = "<script>alert(1)</script> 535 5.7.8 Authentication credentials invalid"
            let answers = #"[{"answer": "\#(typed)", "question": "\#(question.id)"}]"#
            let end = try await Browser.post(
                client, "/interview", token: token, fields: [("answers", answers), ("action", "finish")])
            #expect(end.status == .ok)
            #expect(!end.body.contains("<script>"))
            #expect(end.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(end.body)")
            #expect(end.body.contains(#"id="first-cause""#))
            var body = ByteBuffer(string: "csrf=\(token)&action=finish&answers=")
            body.writeBytes([0xC3, 0x28, 0xFF])
            let invalid = try await client.execute(
                uri: "/interview", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .cookie: "smtp_doctor_csrf=\(token)",
                ],
                body: body
            ) { $0.status }
            #expect(invalid == .badRequest)
        }
    }

    /// The value of a hidden field, unescaped.
    static func hidden(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: #"type="hidden" name="\#(name)" value=""#),
            let end = page[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(page[start.upperBound..<end])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
