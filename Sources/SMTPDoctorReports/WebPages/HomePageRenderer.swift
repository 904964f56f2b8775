/// The start page: what the tool does and where each part is.
public enum HomePageRenderer {
    /// The whole page.
    public static func render() -> String {
        WebPageLayout.page(
            title: "Why is mail not delivered?",
            content: """
                <h1>Why is mail not delivered?</h1>
                <ul>
                <li><a href="/diagnose" id="go-diagnose">Paste an error</a>: the ranked causes, the evidence, \
                and a checklist.</li>
                <li><a href="/probe" id="go-probe">Test a server</a>: connect, TLS, authentication and relay, \
                step by step, with a verdict and its likely cause.</li>
                <li><a href="/interview" id="go-interview">Answer a few questions</a>: one question at a time, \
                each chosen to tell the likely causes apart, until one cause is clear.</li>
                <li><a href="/analyze" id="go-analyze">Analyse a log or bounce</a>: every failure in the file, \
                grouped by cause.</li>
                <li><a href="/check-domain" id="go-check-domain">Check a domain</a>: MX, SPF, DMARC, DKIM, reverse \
                DNS and blocklists, and the causes they point to.</li>
                </ul>
                <p class="hint">The same answers as the command line <code>smtp-doctor</code>; every result can be \
                downloaded as HTML, Markdown or JSON. The JSON API is described at \
                <a href="/openapi.json">/openapi.json</a>.</p>
                """)
    }
}
