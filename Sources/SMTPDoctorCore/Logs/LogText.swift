import Foundation

/// Small structural helpers shared by the log parsers: `key=<value>`, `key=value,`, `host[ip]`.
enum LogText {
    /// The value in angle brackets after `key`: `to=<bob@example.com>` gives `bob@example.com`; nil when empty.
    static func angled(after key: String, in text: Substring) -> String? {
        guard let start = text.byteRange(of: key + "<") else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: ">") else { return nil }
        let value = String(rest[..<end])
        return value.isEmpty ? nil : value
    }

    /// The value after `key` up to the next comma, semicolon or space: `relay=mx.example.com[203.0.113.7]:25,`.
    static func token(after key: String, in text: Substring) -> Substring? {
        guard let start = text.byteRange(of: key) else { return nil }
        let rest = text[start.upperBound...]
        let end = rest.firstIndex { $0 == "," || $0 == ";" || $0 == " " } ?? rest.endIndex
        return rest[..<end]
    }

    /// Splits `mx.example.com[203.0.113.7]:25` (Postfix) or `mx.example.com. [203.0.113.7]` (Sendmail) into host
    /// and address; `unknown`, `none` and bracketed-only forms give no host.
    static func hostAndAddress(_ text: Substring) -> (host: String?, ip: String?) {
        var host = text
        var ip: String?
        if let open = text.firstIndex(of: "[") {
            host = text[..<open]
            let rest = text[text.index(after: open)...]
            if let close = rest.firstIndex(of: "]") { ip = String(rest[..<close]) }
        }
        var name = host.trimmingCharacters(in: .whitespaces)
        if name.hasSuffix(".") { name.removeLast() }
        let lowered = name.lowercased()
        let usable = lowered.contains(".") && lowered != "none" && lowered != "unknown"
        return (usable ? lowered : nil, ip?.isEmpty == false ? ip : nil)
    }

    /// Shortens a sample line.
    static func sample(_ text: String) -> String {
        text.count > FailureEvent.maximumSampleLength
            ? String(text.prefix(FailureEvent.maximumSampleLength)) + "…" : text
    }
}
