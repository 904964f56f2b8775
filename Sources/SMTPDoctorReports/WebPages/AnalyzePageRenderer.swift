/// The "analyse a log" page: the upload form, and the summary `analyze` prints.
public enum AnalyzePageRenderer {
    /// The upload form, for files up to `limitMiB` MiB.
    public static func form(csrf: FormToken, limitMiB: Int) -> String {
        WebPageLayout.page(
            title: "Analyse a log",
            content: """
                <h1>Analyse a log or bounce</h1>
                <p>Upload a Postfix, Sendmail, Exim or Exchange log, an Exchange Online message-trace export, or a \
                bounce message (.eml, mbox), gzip-compressed or not, up to \(limitMiB) MiB.</p>
                <form method="post" action="/analyze" enctype="multipart/form-data" id="analyze-form">
                \(WebPageLayout.csrfField(csrf))
                <label for="file">File</label>
                <input type="file" id="file" name="file" required>
                <button type="submit" id="analyze-submit">Analyse</button>
                </form>
                """)
    }

    /// The summary `text` of the analysis, with the download links of its documents.
    public static func result(text: String, downloads: DownloadLinks) -> String {
        WebPageLayout.page(
            title: "Analysis",
            content: """
                <h1>Analysis</h1>
                <pre id="analysis">\(PageHTML.escape(text))</pre>
                \(WebPageLayout.downloads(downloads))
                """)
    }
}
