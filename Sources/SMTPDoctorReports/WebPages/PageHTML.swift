import SMTPDoctorCore

/// Text from outside (error texts, server replies, host names) made safe to put into HTML: the one escaper of the
/// web pages and of the report templates' `STRICT-HTML` content type.
public enum PageHTML {
    /// The text with `& < > " '` replaced by entities, so that it is shown and never interpreted, also inside an
    /// attribute, and every control character shown visibly (``UntrustedText``): a NUL reads `\x00`.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output += UntrustedText.visible(String(character))
            }
        }
        return output
    }
}
