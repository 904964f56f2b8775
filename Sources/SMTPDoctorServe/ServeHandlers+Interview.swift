import Hummingbird
import SMTPDoctorCore
import SMTPDoctorReports

extension ServeHandlers {
    /// The body of the `/api/interview/…` calls: the answers so far and, for `answer`, the new answer.
    struct InterviewBody: Decodable {
        var answers: [InterviewAnswers.Entry]?
        var question: String?
        /// The answer's words; `null` or absent for "unknown".
        var answer: String?
    }

    /// The guided interview: the page at `/interview` and the stateless JSON API.
    func addInterview(to router: Router<ServeRequestContext>) {
        router.get("/interview") { request, _ in
            try await page { try await interviewPage(request, answers: InterviewAnswers()) }
        }
        router.post("/interview") { request, _ in
            try await page {
                let interview = await interviewOperation()
                let form = try await verifiedForm(request)
                var answers = try InterviewAnswers(field: form["answers"])
                switch form["action"] ?? "answer" {
                case "back":
                    _ = answers.entries.popLast()
                case "finish":
                    return try await interviewConclusion(request, answers: answers, ending: .quit)
                case "unknown":
                    answers = try interview.adding(nil, to: form["question"] ?? "", in: answers)
                default:
                    do {
                        answers = try interview.adding(
                            form["answer"] ?? "", to: form["question"] ?? "", in: answers)
                    } catch let failure as ServeFailure {
                        return try await interviewPage(request, answers: answers, problem: failure.message)
                    }
                }
                return try await interviewPage(request, answers: answers)
            }
        }
        router.post("/api/interview/start") { request, _ in
            try await api { try await interviewStep(request) { _, answers in answers } }
        }
        router.post("/api/interview/answer") { request, _ in
            try await api {
                let interview = await interviewOperation()
                return try await interviewStep(request) { body, answers throws(ServeFailure) in
                    guard let question = body.question else {
                        throw ServeFailure(.badRequest, "Name the question answered in \"question\".")
                    }
                    return try interview.adding(body.answer, to: question, in: answers)
                }
            }
        }
        router.post("/api/interview/back") { request, _ in
            try await api {
                try await interviewStep(request) { _, answers in
                    var answers = answers
                    _ = answers.entries.popLast()
                    return answers
                }
            }
        }
        router.post("/api/interview/result") { request, _ in
            try await api {
                let interview = await interviewOperation()
                let body = try await decodeJSON(InterviewBody.self, from: request)
                let answers = InterviewAnswers(body.answers ?? [])
                let current = try answers.replay(with: interview.chooser)
                let ending: InterviewSummary.Ending
                if case .ended(let reason) = interview.step(current) { ending = reason } else { ending = .quit }
                return ServeResponses.json(try interview.conclusion(current, ending: ending).json)
            }
        }
    }

    /// The page of the next question, or the conclusion once the interview has ended.
    private func interviewPage(_ request: Request, answers: InterviewAnswers, problem: String? = nil) async throws
        -> Response
    {
        let interview = await interviewOperation()
        let current = try answers.replay(with: interview.chooser)
        switch interview.step(current) {
        case .ask(let choice):
            return formPage(request) {
                InterviewPageRenderer.question(
                    choice, answers: answers.page, leading: current.result, csrf: $0, problem: problem)
            }
        case .ended(let ending):
            return try await interviewConclusion(request, answers: answers, ending: ending)
        }
    }

    /// The conclusion page, with the downloads of its report.
    private func interviewConclusion(_ request: Request, answers: InterviewAnswers, ending: InterviewSummary.Ending)
        async throws -> Response
    {
        let interview = await interviewOperation()
        let conclusion = try interview.conclusion(try answers.replay(with: interview.chooser), ending: ending)
        let kept = try await keep(conclusion.report, json: conclusion.json, baseName: "smtp-doctor-interview")
        return formPage(request) {
            InterviewPageRenderer.conclusion(
                conclusion.result, summary: conclusion.summary, answers: answers.page, csrf: $0, downloads: kept)
        }
    }

    /// One step of the JSON interview: the body's answers, changed by `change`, and where they lead.
    private func interviewStep(
        _ request: Request,
        change: (InterviewBody, InterviewAnswers) throws(ServeFailure) -> InterviewAnswers
    ) async throws -> Response {
        let interview = await interviewOperation()
        let body = try await decodeJSON(InterviewBody.self, from: request)
        let answers = try change(body, InterviewAnswers(body.answers ?? []))
        let current = try answers.replay(with: interview.chooser)
        let step: InterviewStepDocument
        switch interview.step(current) {
        case .ask(let choice):
            step = InterviewStepDocument(answers: answers.entries, next: choice, ending: nil, leading: current.result)
        case .ended(let ending):
            step = InterviewStepDocument(answers: answers.entries, next: nil, ending: ending, leading: current.result)
        }
        return ServeResponses.json(try InterviewStepJSONRenderer.render(step))
    }
}
