import Foundation

/// Small structural helpers shared by the log parsers: `key=<value>`, `key=value,`, `host[ip]`.
///
/// Each helper works on the text's UTF-8 bytes when the part it reads is ASCII, where one byte is one character, and
/// on characters otherwise, so that a delimiter followed by a combining mark is read as the character-level code
/// reads it. `LogTextTests` compares the two readings on generated lines.
enum LogText {
    /// The value in angle brackets after `key`: `to=<bob@example.com>` gives `bob@example.com`; nil when empty.
    static func angled(after key: String, in text: Substring) -> String? {
        guard let start = text.byteRange(of: key + "<") else { return nil }
        let rest = text[start.upperBound...]
        guard let end = firstIndex(in: rest, where: { $0 == 0x3E }, orCharacter: { $0 == ">" }) else { return nil }
        let value = String(rest[..<end])
        return value.isEmpty ? nil : value
    }

    /// The value after `key` up to the next comma, semicolon or space: `relay=mx.example.com[203.0.113.7]:25,`.
    static func token(after key: String, in text: Substring) -> Substring? {
        guard let start = text.byteRange(of: key) else { return nil }
        let rest = text[start.upperBound...]
        let end =
            firstIndex(
                in: rest, where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x20 },
                orCharacter: { $0 == "," || $0 == ";" || $0 == " " }) ?? rest.endIndex
        return rest[..<end]
    }

    /// Splits `mx.example.com[203.0.113.7]:25` (Postfix) or `mx.example.com. [203.0.113.7]` (Sendmail) into host
    /// and address; `unknown`, `none` and bracketed-only forms give no host.
    static func hostAndAddress(_ text: Substring) -> (host: String?, ip: String?) {
        var host = text
        var ip: String?
        if let open = firstIndex(in: text, where: { $0 == 0x5B }, orCharacter: { $0 == "[" }) {
            host = text[..<open]
            let rest = text[text.index(after: open)...]
            if let close = firstIndex(in: rest, where: { $0 == 0x5D }, orCharacter: { $0 == "]" }) {
                ip = String(rest[..<close])
            }
        }
        var name = ASCIIText.trimmingWhitespaces(host)
        if name.utf8.last == 0x2E, name.hasSuffix(".") { name.removeLast() }
        let lowered = ASCIIText.lowercased(name)
        let usable = lowered.utf8.contains(0x2E) && lowered != "none" && lowered != "unknown"
        return (usable ? lowered : nil, ip?.isEmpty == false ? ip : nil)
    }

    /// Shortens a sample line.
    static func sample(_ text: String) -> String {
        // A text of no more bytes than the limit has no more characters either.
        guard text.utf8.count > FailureEvent.maximumSampleLength else { return text }
        return text.count > FailureEvent.maximumSampleLength
            ? String(text.prefix(FailureEvent.maximumSampleLength)) + "…" : text
    }

    /// The index of the first character the predicates accept: found on bytes while the text before it and the byte
    /// after it are ASCII (so the byte is a whole character), by walking the characters otherwise.
    private static func firstIndex(
        in text: Substring, where isByte: (UInt8) -> Bool, orCharacter isCharacter: (Character) -> Bool
    ) -> Substring.Index? {
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            guard byte < 0x80 else { break }
            if isByte(byte) {
                let next = bytes.index(after: index)
                if next == bytes.endIndex || bytes[next] < 0x80 { return index }
                break
            }
            bytes.formIndex(after: &index)
        }
        if index == bytes.endIndex { return nil }
        return text.firstIndex(where: isCharacter)
    }
}
