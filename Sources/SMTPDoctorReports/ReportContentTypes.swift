import Mustache
import SMTPDoctorCore

/// The escaping rules the report templates declare with `{{% CONTENT_TYPE: … }}`.
///
/// swift-mustache's own `HTML` type escapes `<`, `>` and `&` only; `STRICT-HTML` also escapes both quotes, so that
/// outside text is safe inside an attribute too. `MARKDOWN` keeps outside text from becoming markup: a server
/// banner cannot open a link, end a table cell or start raw HTML. Both show control characters visibly
/// (``UntrustedText``); `STRICT-HTML` is ``PageHTML/escape(_:)``, the web pages' escaper.
enum ReportContentTypes {
    /// Registers the content types once; swift-mustache keeps them in a process-wide table.
    static let registered: Void = {
        MustacheContentTypes.register(StrictHTML(), named: "STRICT-HTML")
        MustacheContentTypes.register(Markdown(), named: "MARKDOWN")
    }()

    struct StrictHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { PageHTML.escape(text) }
    }

    struct Markdown: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for character in text {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\\", "`", "*", "_", "[", "]", "|", "#", "!": out += "\\\(character)"
                case "\n", "\r", "\r\n": out += " "
                default: out += UntrustedText.visible(String(character))
                }
            }
            return out
        }
    }
}
