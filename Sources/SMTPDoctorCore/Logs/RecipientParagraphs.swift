/// The lines of a plain-text report region about each recipient it names, for a report about several recipients.
///
/// The region's lines are split and lower-cased once, however many recipients are looked up in them: a region of a
/// few thousand lines naming as many addresses is read in time proportional to lines times recipients, not to that
/// product again for each recipient.
struct RecipientParagraphs {
    private let lines: [Substring]
    private let loweredLines: [String]
    /// Every recipient of the report, lower-cased.
    private let recipients: [String]

    /// The paragraphs of `region` about `recipients` (the report's recipients, in any case).
    init(region: String, recipients: [String]) {
        lines = region.linesSplitAtLineFeeds(omittingEmptySubsequences: false)
        loweredLines = lines.map(ASCIIText.lowercased)
        self.recipients = recipients.map(ASCIIText.lowercased)
    }

    /// The lines before the first one naming a recipient: what the report says about all of them.
    var preamble: String {
        let end = firstLine(from: 0) { line in recipients.contains { TextSearch.contains(line, $0) } } ?? lines.count
        return BounceMessageParser.trimmingWhitespace(lines[..<end].joined(separator: "\n"))
    }

    /// The lines about one recipient: from the first line naming it up to the first line naming another recipient
    /// (or the end of the region); the address itself when no line names it.
    func paragraph(about recipient: String) -> String {
        let lower = ASCIIText.lowercased(recipient)
        guard let start = firstLine(from: 0, where: { TextSearch.contains($0, lower) }) else { return recipient }
        let others = recipients.filter { $0 != lower }
        let end =
            firstLine(from: start + 1) { line in others.contains { TextSearch.contains(line, $0) } } ?? lines.count
        return BounceMessageParser.trimmingWhitespace(lines[start..<end].joined(separator: "\n"))
    }

    /// The index of the first line at or after `start` whose lower-cased text satisfies `names`.
    private func firstLine(from start: Int, where names: (String) -> Bool) -> Int? {
        loweredLines.indices[start...].first { names(loweredLines[$0]) }
    }
}
