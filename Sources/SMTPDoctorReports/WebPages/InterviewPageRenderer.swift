import Foundation
import SMTPDoctorCore

/// The guided interview: one question per page, with "why", "I don't know" and "back", then the ranked causes.
///
/// The answers so far travel in a hidden field of the form, which the CSRF token protects like every form.
public enum InterviewPageRenderer {
    /// The page of one question; `answers` are the answers so far and the text of their hidden field, `problem`
    /// says why the last answer was not taken.
    public static func question(
        _ choice: QuestionChooser.Choice, answers: InterviewPageAnswers, leading: DiagnosisResult, csrf: FormToken,
        problem: String? = nil
    ) -> String {
        let question = choice.question
        var content = """
            <h1>Answer a few questions</h1>
            <p class="progress" id="progress">Question \(answers.count + 1)</p>

            """
        if let problem { content += "<p class=\"problem\" id=\"problem\">\(PageHTML.escape(problem))</p>\n" }
        content += """
            <form method="post" action="/interview" id="interview-form" autocomplete="off">
            \(WebPageLayout.csrfField(csrf))
            \(answersField(answers))
            <input type="hidden" name="question" value="\(PageHTML.escape(question.id))">
            <p class="question" id="question"><strong>\(PageHTML.escape(question.text))</strong></p>
            \(answerInput(question))
            <div class="actions">
            <button type="submit" name="action" value="answer" id="answer-submit">Next</button>
            <button type="submit" name="action" value="unknown" class="secondary" id="unknown" formnovalidate>\
            I don't know</button>
            \(answers.count == 0 ? "" : backButton)
            <button type="submit" name="action" value="finish" class="secondary" id="finish" formnovalidate>\
            Show the causes now</button>
            </div>
            </form>
            \(why(choice))
            \(leadingList(leading))
            """
        return WebPageLayout.page(title: "Answer a few questions", content: content)
    }

    /// The end of the interview: the ranked causes, what was asked, the checklist and the downloads.
    public static func conclusion(
        _ result: DiagnosisResult, summary: InterviewSummary, answers: InterviewPageAnswers, csrf: FormToken,
        downloads: DownloadLinks
    ) -> String {
        var content = """
            <h1>Most likely causes</h1>
            <p class="progress" id="ending">The interview ended: \(PageHTML.escape(summary.ending.words)).</p>

            """
        if result.diagnoses.isEmpty {
            content += "<p class=\"problem\" id=\"not-recognised\">The answers point to no cause yet.</p>\n"
        } else {
            content += "<ol class=\"causes\">\n"
            for (index, diagnosis) in result.diagnoses.enumerated() {
                content += DiagnosePageRenderer.cause(diagnosis, first: index == 0)
            }
            content += "</ol>\n"
        }
        content += DiagnosePageRenderer.checklist(result.checklist)
        if !summary.entries.isEmpty {
            let rows = summary.entries.map {
                "<tr><td>\(PageHTML.escape($0.text))</td><td>\(PageHTML.escape($0.answer))</td></tr>"
            }
            content += """
                <h2>Your answers</h2>
                <table id="answers"><tr><th>Question</th><th>Answer</th></tr>
                \(rows.joined(separator: "\n"))
                </table>
                <form method="post" action="/interview" class="actions">
                \(WebPageLayout.csrfField(csrf))
                \(answersField(answers))
                \(backButton)
                </form>

                """
        }
        content += WebPageLayout.downloads(downloads)
        return WebPageLayout.page(title: "Most likely causes", content: content)
    }

    private static let backButton = """
        <button type="submit" name="action" value="back" class="secondary" id="back" formnovalidate>Back</button>
        """

    private static func answersField(_ answers: InterviewPageAnswers) -> String {
        "<input type=\"hidden\" name=\"answers\" value=\"\(PageHTML.escape(answers.field))\">"
    }

    /// The input a question's kind takes: radio buttons for a choice, a text field otherwise.
    private static func answerInput(_ question: Question) -> String {
        switch question.kind {
        case .choice, .yesNo:
            let options =
                question.kind == .yesNo && question.answers.isEmpty
                ? [("yes", "Yes"), ("no", "No")] : question.answers.map { ($0.id, $0.label) }
            let buttons = options.enumerated().map { index, option in
                """
                <label><input type="radio" name="answer" id="answer-\(index + 1)" value="\(PageHTML.escape(option.0))"\
                \(index == 0 ? " required" : "")> \(PageHTML.escape(option.1))</label>
                """
            }
            return "<div class=\"choices\">\n\(buttons.joined(separator: "\n"))\n</div>"
        case .error:
            return """
                <label for="answer">The error text</label>
                <textarea id="answer" name="answer" required maxlength="65536"></textarea>
                """
        case .text, .hostPort:
            let hint = question.kind == .hostPort ? " placeholder=\"smtp.example.com:587\"" : ""
            return """
                <label for="answer">Your answer</label>
                <input type="text" id="answer" name="answer" required maxlength="1024"\(hint)>
                """
        }
    }

    /// Why the question is asked now, folded until the person opens it.
    private static func why(_ choice: QuestionChooser.Choice) -> String {
        var lines: [String] = []
        if let help = choice.question.help { lines.append("<p>\(PageHTML.escape(help))</p>") }
        lines.append(
            "<p>"
                + String(
                    format: "Asked now because its answer is expected to tell the likely causes apart best: "
                        + "%.2f bits of information for a cost of %g.", choice.gain, choice.question.cost)
                + "</p>")
        let groups = choice.separates.prefix(5).map { group in
            let label = group.answer.errorText.map { String($0.prefix(40)) } ?? group.answer.label
            return "<li>\(PageHTML.escape(label)) → \(PageHTML.escape(group.diagnoses.joined(separator: ", ")))</li>"
        }
        if !groups.isEmpty { lines.append("<p>It separates:</p><ul>\(groups.joined())</ul>") }
        return "<details id=\"why\"><summary>Why this question?</summary>\n\(lines.joined(separator: "\n"))\n</details>"
    }

    private static func leadingList(_ result: DiagnosisResult) -> String {
        guard !result.diagnoses.isEmpty else { return "" }
        let items = result.diagnoses.prefix(3).map {
            "<li>\(PageHTML.escape($0.definition.title)) (\(Int(($0.confidence * 100).rounded()))%)</li>"
        }
        return "<h2>Leading now</h2>\n<ol id=\"leading\">\(items.joined())</ol>"
    }
}
