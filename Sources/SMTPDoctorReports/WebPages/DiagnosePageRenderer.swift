import SMTPDoctorCore

/// The "paste an error" page: the form, and the ranked causes with their evidence and checklist.
public enum DiagnosePageRenderer {
    /// The form; `providers` are (id, name) pairs for the select.
    public static func form(csrf: FormToken, providers: [(id: String, name: String)]) -> String {
        let options = providers.map {
            "<option value=\"\(PageHTML.escape($0.id))\">\(PageHTML.escape($0.name))</option>"
        }
        return WebPageLayout.page(
            title: "Paste an error",
            content: """
                <h1>Paste an error</h1>
                <p>Paste the error as the application, the server or the bounce message shows it: a code such as \
                550 5.1.1, an SMTP reply, a part of a bounce, a log line or a client-library exception.</p>
                <form method="post" action="/diagnose" id="diagnose-form">
                \(WebPageLayout.csrfField(csrf))
                <label for="error">Error text</label>
                <textarea id="error" name="error" required maxlength="65536"></textarea>
                <label for="provider">Mail service (if known)</label>
                <select id="provider" name="provider"><option value="">Not known</option>\(options.joined())</select>
                <button type="submit" id="diagnose-submit">Diagnose</button>
                </form>
                """)
    }

    /// The result page.
    public static func result(_ result: DiagnosisResult, downloads: DownloadLinks) -> String {
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
        content += WebPageLayout.downloads(downloads)
        return WebPageLayout.page(title: "Diagnosis", content: content)
    }

    /// One ranked cause with the evidence that supports it.
    public static func cause(_ diagnosis: RankedDiagnosis, first: Bool) -> String {
        let percent = Int((diagnosis.confidence * 100).rounded())
        let evidence = diagnosis.evidence.map { "<li>\(PageHTML.escape($0.reason))</li>" }.joined()
        return """
            <li class="cause"><h3\(first ? " id=\"first-cause\"" : "")>\(PageHTML.escape(diagnosis.definition.title))</h3>
            <p class="confidence">\(percent)% confidence · \(PageHTML.escape(diagnosis.definition.category)) · \
            <code>\(PageHTML.escape(diagnosis.definition.id))</code></p>
            <p>\(PageHTML.escape(diagnosis.definition.summary))</p>
            <details><summary>Why</summary><ul>\(evidence)</ul></details></li>

            """
    }

    /// The merged checklist of the ranked causes.
    public static func checklist(_ items: [ChecklistItem]) -> String {
        guard !items.isEmpty else { return "" }
        let steps = items.map { "<li>\(PageHTML.escape($0.step))</li>" }.joined(separator: "\n")
        return "<h2>Checklist</h2>\n<ol class=\"checklist\" id=\"checklist\">\n\(steps)\n</ol>\n"
    }
}
