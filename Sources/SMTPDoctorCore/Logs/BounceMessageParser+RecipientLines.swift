extension BounceMessageParser {
    /// The recipients a report's text names, most explicit form first: the envelope's `RCPT TO:` lines, the
    /// addresses that start its recipient lines, or else every address it names but those of the returned
    /// message's header fields and those failed addresses were generated from.
    static func namedRecipients(in region: String) -> [String] {
        let envelope = envelopeRecipients(in: region)
        if !envelope.isEmpty { return envelope }
        let recipientLines = recipientLineAddresses(in: region)
        if !recipientLines.isEmpty { return recipientLines }
        return reportedAddresses(in: withoutParentNotes(region))
    }

    /// The addresses with which a plain-text report starts its lines about each failed recipient, in order:
    /// `<bob@example.com>: host mx.example.com[192.0.2.1] said: …` and `<bob@example.com> (expanded from
    /// <alias@example.com>): …`, as Postfix's bounce notice (`bounce_notify_util.c`) and qmail's (`qmail-send.c`)
    /// write them. A report that names its recipients so names no other recipient: the other addresses in its text
    /// are a help desk to write to, the sender or the returned message's.
    static func recipientLineAddresses(in region: String) -> [String] {
        region.linesSplitAtLineFeeds().compactMap { line -> String? in
            guard line.first == "<", let close = line.firstIndex(of: ">") else { return nil }
            let rest = line[line.index(after: close)...]
            guard rest.first == ":" || rest.hasPrefix(" (") else { return nil }
            let inner = String(line[line.index(after: line.startIndex)..<close])
            let found = addresses(in: inner)
            return found.count == 1 && found[0] == inner ? inner : nil
        }
    }

    /// How Exim notes the address that a failed one was generated from by a redirection: `(generated from
    /// alias@example.com)`, `(ultimately generated from …)` after the failed address (`print_address_information`
    /// in Exim's `deliver.c`).
    private static let parentNoteStart = "generated from "

    /// The region without Exim's notes of the addresses failed ones were generated from: those addresses were
    /// redirected, not refused, so they are not recipients of the report.
    static func withoutParentNotes(_ region: String) -> String {
        guard ASCIIText.containsAny(region, [parentNoteStart]) else { return region }
        var text = region[...]
        var kept = ""
        while let note = text.range(of: parentNoteStart, options: .caseInsensitive) {
            // The note is the parenthesis around the phrase: "(generated from x)" or "(ultimately generated from x)".
            guard let open = text[..<note.lowerBound].lastIndex(of: "("),
                !text[open..<note.lowerBound].contains(")"), !text[open..<note.lowerBound].contains("\n"),
                let close = text[note.upperBound...].firstIndex(of: ")")
            else {
                kept += text[..<note.upperBound]
                text = text[note.upperBound...]
                continue
            }
            kept += text[..<open]
            text = text[text.index(after: close)...]
        }
        return kept + text
    }
}
