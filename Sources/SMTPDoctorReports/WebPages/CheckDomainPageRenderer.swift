/// The "check a domain" page: the form, and the findings and causes `check-domain` prints.
public enum CheckDomainPageRenderer {
    /// The form.
    public static func form(csrf: FormToken) -> String {
        WebPageLayout.page(
            title: "Check a domain",
            content: """
                <h1>Check a domain's mail DNS</h1>
                <p>MX, SPF, DMARC and DKIM of the domain; with the sending server's address, also the SPF result, \
                reverse DNS and blocklists.</p>
                <form method="post" action="/check-domain" id="check-domain-form">
                \(WebPageLayout.csrfField(csrf))
                <label for="domain">Domain</label>
                <input type="text" id="domain" name="domain" required maxlength="253" placeholder="example.com">
                <label for="ip">Sending server's IP address (optional)</label>
                <input type="text" id="ip" name="ip" maxlength="45">
                <label for="selector">DKIM selector (optional)</label>
                <input type="text" id="selector" name="selector" maxlength="63">
                <button type="submit" id="check-domain-submit">Check</button>
                </form>
                """)
    }

    /// The findings `text` of `domain`, with the download links of its documents.
    public static func result(domain: String, text: String, downloads: DownloadLinks) -> String {
        WebPageLayout.page(
            title: "Check of \(domain)",
            content: """
                <h1>Check of \(PageHTML.escape(domain))</h1>
                <pre id="domain-check">\(PageHTML.escape(text))</pre>
                \(WebPageLayout.downloads(downloads))
                """)
    }
}
