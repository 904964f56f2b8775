/// Recognises the format of an input from its first bytes, not from its name.
///
/// The first lines are enough for every format read here: the `#Fields:` header of Exchange logs, the header row of
/// a CSV export, the `From ` line of an mbox, the header fields of a message, the timestamp layout of Exim's main
/// log, and the `program[pid]: ` of syslog.
enum LogFormatDetector {
    /// How many bytes of an input are looked at.
    static let sniffLength = 64 * 1024
    /// How many lines are looked at.
    static let sniffLines = 40

    /// The format of an input starting with `prefix`, or nil when none is recognised.
    static func detect(_ prefix: UnsafeRawBufferPointer) -> LogFormat? {
        let text = String(
            decoding: UnsafeRawBufferPointer(rebasing: prefix[..<sniffedBytes(of: prefix)]), as: UTF8.self)
        let lines = Self.lines(of: text)
        guard let first = lines.first else { return nil }
        if first.hasPrefix("From ") && lines.dropFirst().first.map(isHeaderField) == true { return .mbox }
        // Only a line whose first byte is `#` can start with the Character `#`, which has no other form: the other
        // lines are not compared Character by Character.
        if let fields = lines.first(where: { startsWithHash($0) && $0.hasPrefix("#Fields:") }) {
            if fields.contains("event-id") { return .exchangeTrackingLog }
            if fields.contains("session-id") { return .exchangeProtocolLog }
        }
        if lines.contains(where: { startsWithHash($0) && $0.hasPrefix("#Software: Microsoft Exchange") }) {
            return .exchangeProtocolLog
        }
        if isHeaderField(first) {
            let known = lines.prefix { !$0.isEmpty }.lazy.filter {
                knownHeaderNames.contains(ASCIIText.lowercased(String(headerName($0))))
            }
            if known.prefix(2).count == 2 { return .emailMessage }
        }
        if let row = lines.first(where: { !startsWithHash($0) || !$0.hasPrefix("#") }),
            MessageTraceParser.isHeader(String(row))
        {
            return .messageTraceCSV
        }
        var exim = 0
        var syslog = 0
        var exchange = 0
        for line in lines.prefix(sniffLines) {
            var copy = String(line)
            let time = copy.withUTF8 { LogTimestamp.parse(prefixOf: UnsafeRawBufferPointer($0)) }
            guard let (_, length) = time else { continue }
            let rest = line.utf8.dropFirst(length)
            if line.utf8.dropFirst(10).first == 0x20 && rest.first == 0x20 && !line.contains("]: ") { exim += 1 }
            if line.contains("]: ") { syslog += 1 }
            let fields = CSVRecord.fields(line)
            if fields.count >= 8, ["+", "-", "<", ">", "*"].contains(fields[6]) { exchange += 1 }
        }
        let best = max(exim, syslog, exchange)
        guard best > 0 else { return nil }
        if exchange == best { return .exchangeProtocolLog }
        return syslog >= exim ? .syslog : .eximMainLog
    }

    /// The first `sniffLines` non-empty lines of a text, split on any newline (CR LF is one Character in Swift, so
    /// not only on "\n"). In an ASCII text the newlines are the bytes LF, VT, FF and CR, and the lines are found on
    /// the bytes rather than Character by Character.
    private static func lines(of text: String) -> ArraySlice<Substring> {
        let utf8 = text.utf8
        guard let ranges = utf8.withContiguousStorageIfAvailable(asciiLineRanges) ?? nil else {
            return text.split(maxSplits: sniffLines, omittingEmptySubsequences: true, whereSeparator: \.isNewline)
                .prefix(sniffLines)
        }
        return ranges.map { range in
            Substring(
                utf8[
                    utf8.index(
                        utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                            utf8.startIndex, offsetBy: range.upperBound)])
        }[...]
    }

    /// The byte ranges of the first `sniffLines` non-empty lines of a text of these bytes, or nil when one of the
    /// bytes is not ASCII.
    private static func asciiLineRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x80 else { return nil }
            guard (0x0A...0x0D).contains(byte) else { continue }
            if start != index && ranges.count < sniffLines { ranges.append(start..<index) }
            start = index + 1
        }
        if ranges.count < sniffLines && start != bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// How many of the first bytes hold the first `sniffLines` non-empty lines (at most `sniffLength`): the lines
    /// are split on any newline, and every line feed or carriage return byte ends one, so the lines split from these
    /// bytes are the first ones split from the whole prefix, without decoding the rest of a large message.
    private static func sniffedBytes(of prefix: UnsafeRawBufferPointer) -> Int {
        let limit = min(prefix.count, sniffLength)
        var lines = 0
        var lineHasBytes = false
        for offset in 0..<limit {
            let byte = prefix[offset]
            guard byte == 0x0A || byte == 0x0D else {
                // Only an ASCII byte that is no newline surely makes a line non-empty (U+2028 alone is a newline).
                if byte < 0x80 && byte != 0x0B && byte != 0x0C { lineHasBytes = true }
                continue
            }
            if lineHasBytes { lines += 1 }
            lineHasBytes = false
            if lines == sniffLines { return offset + 1 }
        }
        return limit
    }

    /// Whether the first byte of a line is `#`.
    private static func startsWithHash(_ line: Substring) -> Bool {
        line.utf8.first == UInt8(ascii: "#")
    }

    /// Header field names that only a message's header starts with.
    private static let knownHeaderNames: Set<String> = [
        "received", "return-path", "content-type", "subject", "from", "date", "to",
    ]

    /// The first piece between colons of a line, as `split(separator: ":").first` gives it. While the bytes up to
    /// the byte after the colon that ends it are ASCII, each is a Character of its own and they are read as bytes;
    /// otherwise a colon may be joined with the marks around it, and the Characters are compared.
    static func headerName(_ line: Substring) -> Substring {
        let bytes = line.utf8
        let colon = UInt8(ascii: ":")
        var index = bytes.startIndex
        while index != bytes.endIndex, bytes[index] == colon { bytes.formIndex(after: &index) }
        let start = index
        while index != bytes.endIndex, bytes[index] != colon, bytes[index] < 0x80 { bytes.formIndex(after: &index) }
        if index == bytes.endIndex { return Substring(bytes[start..<index]) }
        let next = bytes.index(after: index)
        if bytes[index] == colon, next == bytes.endIndex || bytes[next] < 0x80 {
            return Substring(bytes[start..<index])
        }
        return line.drop { $0 == ":" }.prefix { $0 != ":" }
    }

    /// `Name: value`, as in a message header.
    private static func isHeaderField(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return false }
        return line[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }
}
