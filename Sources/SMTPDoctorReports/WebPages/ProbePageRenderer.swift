import SMTPDoctorCore
import SMTPDoctorProbes

/// The "test a server" page: the form of an administrator's SMTP test page, and the probe's steps and verdict.
public enum ProbePageRenderer {
    /// The form.
    public static func form(csrf: FormToken) -> String {
        WebPageLayout.page(
            title: "Test a server",
            content: """
                <h1>Test a server</h1>
                <form method="post" action="/probe" id="probe-form" autocomplete="off">
                \(WebPageLayout.csrfField(csrf))
                <label for="host">Server</label>
                <input type="text" id="host" name="host" required maxlength="253" placeholder="smtp.example.com">
                <label for="port">Port</label>
                <input type="number" id="port" name="port" min="1" max="65535" value="587">
                <label for="security">Security</label>
                <select id="security" name="security">
                <option value="auto">Automatic (SSL/TLS on 465, STARTTLS when offered)</option>
                <option value="none">None</option>
                <option value="starttls">STARTTLS</option>
                <option value="implicit">SSL/TLS</option>
                </select>
                <fieldset><legend>Authentication</legend>
                <label for="auth">Type</label>
                <select id="auth" name="auth">
                <option value="none">None</option>
                <option value="basic">Basic (user name and password)</option>
                <option value="oauth2">OAuth 2.0 (user name and access token)</option>
                </select>
                <label for="user">User name</label>
                <input type="text" id="user" name="user" maxlength="320">
                <label for="password">Password or token</label>
                <input type="password" id="password" name="password" maxlength="8192" autocomplete="off">
                <p class="hint">Used for this test only: never stored, logged or shown; sent to the server only \
                over TLS.</p>
                </fieldset>
                <fieldset><legend>Relay test (optional)</legend>
                <label for="from">Sender (MAIL FROM)</label>
                <input type="text" id="from" name="from" maxlength="320">
                <label for="to">Recipient (RCPT TO)</label>
                <input type="text" id="to" name="to" maxlength="320">
                <label><input type="checkbox" id="send-test" name="send-test" value="1"> Send a short test \
                message to the recipient</label>
                </fieldset>
                <label><input type="checkbox" id="allow-untrusted-certificate" name="allow-untrusted-certificate" \
                value="1"> Go on when the certificate does not verify (the failure is still reported)</label>
                <button type="submit" id="probe-submit">Send test</button>
                </form>
                """)
    }

    /// The start of the result page, sent before the probe runs: the title and the head of the steps table.
    public static func start(host: String, port: Int) -> String {
        WebPageLayout.head(title: "Test of \(host)") + """
            <h1>Test of \(PageHTML.escape(host)):\(port)</h1>
            <h2>Steps</h2>
            <table id="steps"><tr><th>Step</th><th>Outcome</th><th>ms</th><th>Detail</th></tr>

            """
    }

    /// One row of the steps table, sent as soon as the step completes.
    public static func row(_ step: ProbeStep) -> String {
        """
        <tr class="step"><td>\(PageHTML.escape(step.kind.rawValue))</td><td>\(PageHTML.escape(step.outcome.rawValue))</td>\
        <td>\(step.duration.wholeMilliseconds)</td><td>\(PageHTML.escape(step.detail))</td></tr>

        """
    }

    /// The end of a result page whose rest could not be rendered: the steps table closed, then what failed.
    public static func failure(_ message: String) -> String {
        """
        </table>
        <p class="problem" id="failure" role="alert">\(PageHTML.escape(message))</p>
        <p><a href="/probe">Test again</a></p>

        """ + WebPageLayout.tail
    }

    /// The rest of the result page, once the probe has ended: the verdict, the likely cause, the transcript.
    public static func end(_ probe: ProbeOutcome, result: DiagnosisResult, downloads: DownloadLinks) -> String {
        let report = probe.report
        let verdict = probe.verdict
        let success = verdict == .success
        var content = """
            </table>
            <p class="verdict \(success ? "verdict-success" : "verdict-failure")" id="verdict">\
            \(PageHTML.escape(verdict.title))</p>
            <p id="reason">\(PageHTML.escape(probe.reason))</p>

            """
        if !success, !result.diagnoses.isEmpty {
            content += "<h2>Likely cause</h2>\n<ol class=\"causes\">\n"
            for (index, diagnosis) in result.diagnoses.prefix(3).enumerated() {
                content += DiagnosePageRenderer.cause(diagnosis, first: index == 0)
            }
            content += "</ol>\n" + DiagnosePageRenderer.checklist(result.checklist)
        }
        let transcript = report.transcript.map { entry in
            let mark: String
            switch entry.direction {
            case .client: mark = "C: "
            case .server: mark = "S: "
            case .note: mark = "*  "
            }
            return PageHTML.escape(mark + entry.text)
        }
        content += "<details><summary>Transcript</summary><pre>\(transcript.joined(separator: "\n"))</pre></details>\n"
        return content + WebPageLayout.downloads(downloads) + "\n" + WebPageLayout.tail
    }
}
