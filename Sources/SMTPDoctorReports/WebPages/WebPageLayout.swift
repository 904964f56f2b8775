/// The frame of every page: navigation, the stylesheet, and the content.
///
/// Pages carry no script and load nothing from elsewhere; the Content-Security-Policy header enforces both.
public enum WebPageLayout {
    /// The whole HTML document; `content` is already HTML, `title` is escaped here.
    public static func page(title: String, content: String) -> String {
        head(title: title) + content + "\n" + tail
    }

    /// The document up to the start of the content, for a page sent in parts as its work goes on.
    public static func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(PageHTML.escape(title)) · smtp-doctor</title>
        <link rel="stylesheet" href="/static/style.css">
        </head>
        <body>
        <header><a class="brand" href="/">smtp-doctor</a>
        <nav><a href="/diagnose">Paste an error</a> <a href="/probe">Test a server</a> <a href="/interview">Answer \
        questions</a> <a href="/analyze">Analyse a log</a> <a href="/check-domain">Check a domain</a></nav>
        </header>
        <main>

        """
    }

    /// The document after the content.
    public static let tail = """
        </main>
        </body>
        </html>

        """

    /// A page that says what went wrong with the request and what to do; `message` is escaped here.
    public static func problem(_ message: String) -> String {
        page(
            title: "Cannot do that",
            content: """
                <h1>Cannot do that</h1>
                <p class="problem" id="problem">\(PageHTML.escape(message))</p>
                <p><a href="/">Back to the start</a></p>
                """)
    }

    /// The hidden field that carries the CSRF token.
    public static func csrfField(_ token: FormToken) -> String {
        let name = PageHTML.escape(token.field)
        return "<input type=\"hidden\" name=\"\(name)\" value=\"\(PageHTML.escape(token.value))\">"
    }

    /// The download links of a kept result.
    public static func downloads(_ kept: DownloadLinks) -> String {
        let id = PageHTML.escape(kept.id)
        let links = kept.links.map { name, label in
            "<a href=\"/results/\(id)/\(PageHTML.escape(name))\" download>\(PageHTML.escape(label))</a>"
        }
        return "<p class=\"downloads\">Download: \(links.joined(separator: " · "))</p>"
    }

    /// The stylesheet, served from `/static/style.css`.
    public static let stylesheet = """
        body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
        header { background: #1d3557; color: #fff; padding: .6em 1.2em; display: flex; gap: 2em; align-items: center; }
        header a { color: #fff; text-decoration: none; margin-right: 1.2em; }
        .brand { font-weight: 700; }
        main { max-width: 60em; margin: 1.5em auto; padding: 0 1.2em; }
        form { background: #fff; border: 1px solid #d5d9e0; border-radius: 6px; padding: 1em 1.2em; }
        label { display: block; margin: .6em 0 .2em; font-weight: 600; }
        input[type=text], input[type=number], input[type=password], select, textarea {
          width: 100%; box-sizing: border-box; padding: .4em; font: inherit; }
        textarea { min-height: 8em; font-family: ui-monospace, monospace; }
        fieldset { border: 1px solid #d5d9e0; margin: .8em 0; }
        button { margin-top: 1em; padding: .5em 1.4em; font: inherit; background: #1d3557; color: #fff;
          border: 0; border-radius: 4px; cursor: pointer; }
        .verdict { font-size: 1.6em; font-weight: 700; padding: .3em .6em; border-radius: 6px; display: inline-block; }
        .verdict-success { background: #d8f3dc; color: #1b4332; }
        .verdict-failure { background: #ffe5e5; color: #7a1c1c; }
        .confidence { color: #52607a; }
        .problem { background: #fff3cd; padding: .8em; border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        td, th { border: 1px solid #d5d9e0; padding: .3em .5em; text-align: left; vertical-align: top; }
        pre { background: #fff; border: 1px solid #d5d9e0; padding: .8em; overflow-x: auto; white-space: pre-wrap; }
        .hint { color: #52607a; font-size: .9em; }
        .choices label { font-weight: 400; }
        .actions button { margin-right: .6em; }
        button.secondary { background: #fff; color: #1d3557; border: 1px solid #1d3557; }
        .progress { color: #52607a; }

        """
}
