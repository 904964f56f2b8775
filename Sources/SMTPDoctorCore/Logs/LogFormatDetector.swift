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
        if let fields = lines.first(where: { $0.hasPrefix("#Fields:") }) {
            if fields.contains("event-id") { return .exchangeTrackingLog }
            if fields.contains("session-id") { return .exchangeProtocolLog }
        }
        if lines.contains(where: { $0.hasPrefix("#Software: Microsoft Exchange") }) { return .exchangeProtocolLog }
        if isHeaderField(first) {
            // The first piece between colons, as `split(separator: ":").first` gives it, without splitting the rest.
            let names = lines.prefix { !$0.isEmpty }.map { $0.drop { $0 == ":" }.prefix { $0 != ":" } }.filter {
                !$0.isEmpty
            }.map { $0.lowercased() }
            let known: Set<String> = ["received", "return-path", "content-type", "subject", "from", "date", "to"]
            if names.filter(known.contains).count >= 2 { return .emailMessage }
        }
        if let row = lines.first(where: { !$0.hasPrefix("#") }), MessageTraceParser.isHeader(String(row)) {
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
        guard ASCIIText.isASCII(text) else {
            return text.split(maxSplits: sniffLines, omittingEmptySubsequences: true, whereSeparator: \.isNewline)
                .prefix(sniffLines)
        }
        var lines: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex && lines.count < sniffLines {
            if (0x0A...0x0D).contains(bytes[index]) {
                if start != index { lines.append(text[start..<index]) }
                start = bytes.index(after: index)
            }
            bytes.formIndex(after: &index)
        }
        if lines.count < sniffLines && start != bytes.endIndex { lines.append(text[start...]) }
        return lines[...]
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

    /// `Name: value`, as in a message header.
    private static func isHeaderField(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return false }
        return line[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }
}
