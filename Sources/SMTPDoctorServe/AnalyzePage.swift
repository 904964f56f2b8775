/// The "analyse a log" page: the upload form, and the summary `analyze` prints.
enum AnalyzePage {
    static func form(csrf: String, limitMiB: Int) -> String {
        PageLayout.page(
            title: "Analyse a log",
            content: """
                <h1>Analyse a log or bounce</h1>
                <p>Upload a Postfix, Sendmail, Exim or Exchange log, an Exchange Online message-trace export, or a \
                bounce message (.eml, mbox), gzip-compressed or not, up to \(limitMiB) MiB.</p>
                <form method="post" action="/analyze" enctype="multipart/form-data" id="analyze-form">
                \(PageLayout.csrfField(csrf))
                <label for="file">File</label>
                <input type="file" id="file" name="file" required>
                <button type="submit" id="analyze-submit">Analyse</button>
                </form>
                """)
    }

    static func result(text: String, downloads: String) -> String {
        PageLayout.page(
            title: "Analysis",
            content: """
                <h1>Analysis</h1>
                <pre id="analysis">\(HTML.escape(text))</pre>
                \(downloads)
                """)
    }
}
