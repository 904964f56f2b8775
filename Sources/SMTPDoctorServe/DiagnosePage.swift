import SMTPDoctorCore

/// The "paste an error" page: the form, and the ranked causes with their evidence and checklist.
enum DiagnosePage {
    /// The form; `providers` are (id, name) pairs for the select.
    static func form(csrf: String, providers: [(id: String, name: String)]) -> String {
        let options = providers.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name))</option>" }
        return PageLayout.page(
            title: "Paste an error",
            content: """
                <h1>Paste an error</h1>
                <p>Paste the error as the application, the server or the bounce message shows it: a code such as \
                550 5.1.1, an SMTP reply, a part of a bounce, a log line or a client-library exception.</p>
                <form method="post" action="/diagnose" id="diagnose-form">
                \(PageLayout.csrfField(csrf))
                <label for="error">Error text</label>
                <textarea id="error" name="error" required maxlength="65536"></textarea>
                <label for="provider">Mail service (if known)</label>
                <select id="provider" name="provider"><option value="">Not known</option>\(options.joined())</select>
                <button type="submit" id="diagnose-submit">Diagnose</button>
                </form>
                """)
    }

    /// The result page.
    static func result(_ result: DiagnosisResult, downloads: String) -> String {
        var content = "<h1>Diagnosis</h1>\n"
        if result.diagnoses.isEmpty {
            content += """
                <p class="problem" id="not-recognised">smtp-doctor did not recognise this error. Paste the whole \
                reply or bounce, with its three-digit code, or test the server.</p>
                """
        } else {
            content += "<h2>Most likely causes</h2>\n<ol class=\"causes\">\n"
            for (index, diagnosis) in result.diagnoses.enumerated() {
                content += cause(diagnosis, first: index == 0)
            }
            content += "</ol>\n"
        }
        content += checklist(result.checklist)
        content += downloads
        return PageLayout.page(title: "Diagnosis", content: content)
    }

    /// One ranked cause with the evidence that supports it.
    static func cause(_ diagnosis: RankedDiagnosis, first: Bool) -> String {
        let percent = Int((diagnosis.confidence * 100).rounded())
        let evidence = diagnosis.evidence.map { "<li>\(HTML.escape($0.reason))</li>" }.joined()
        return """
            <li class="cause"><h3\(first ? " id=\"first-cause\"" : "")>\(HTML.escape(diagnosis.definition.title))</h3>
            <p class="confidence">\(percent)% confidence · \(HTML.escape(diagnosis.definition.category)) · \
            <code>\(HTML.escape(diagnosis.definition.id))</code></p>
            <p>\(HTML.escape(diagnosis.definition.summary))</p>
            <details><summary>Why</summary><ul>\(evidence)</ul></details></li>

            """
    }

    /// The merged checklist of the ranked causes.
    static func checklist(_ items: [ChecklistItem]) -> String {
        guard !items.isEmpty else { return "" }
        let steps = items.map { "<li>\(HTML.escape($0.step))</li>" }.joined(separator: "\n")
        return "<h2>Checklist</h2>\n<ol class=\"checklist\" id=\"checklist\">\n\(steps)\n</ol>\n"
    }
}
