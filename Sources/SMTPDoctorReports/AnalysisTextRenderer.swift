import Foundation
import SMTPDoctorCore

/// Renders a log analysis for a terminal: what was read and the failures by side, then a section for each side of
/// the server (outbound, inbound, submission) with its failure rate, its failures by category, recipient domain,
/// relay and hour, and each group of its failures with samples and checklist.
public struct AnalysisTextRenderer: Sendable {
    /// Colours or plain text.
    public var style: TextStyle
    /// The column width.
    public var width: Int
    /// How many domains, relays and groups to list.
    public var top: Int

    /// Creates a renderer.
    public init(style: TextStyle = TextStyle(colour: false), width: Int = 80, top: Int = 10) {
        self.style = style
        self.width = width
        self.top = top
    }

    /// The text, ending in a newline.
    public func render(_ analysis: LogAnalysis) -> String {
        UntrustedText.terminal(lines(analysis).joined(separator: "\n") + "\n", keepingColours: style.colour)
    }

    private func lines(_ analysis: LogAnalysis) -> [String] {
        let summary = analysis.summary
        var lines = input(analysis)
        lines.append("")
        guard summary.total > 0 else {
            let unreadable = analysis.statistics.unreadableInputs.count
            lines.append(
                unreadable == 0
                    ? "No delivery failures found."
                    : style.yellow(
                        "No delivery failures found in what could be read; \(unreadable) input(s) could not be read.")
            )
            return lines
        }
        let statuses = FailureStatus.allCases.compactMap { status in
            summary.statuses[status].map { "\(status.rawValue) \(Self.number($0))" }
        }
        lines.append(style.bold("Failures: \(Self.number(summary.total))") + " (\(statuses.joined(separator: ", ")))")
        let sections = AnalysisSection.all(analysis)
        if !sections.isEmpty { lines.append("By side: " + sections.map(\.text).joined(separator: "; ")) }
        if let first = summary.firstSeen, let last = summary.lastSeen {
            lines.append("From \(first.iso8601) to \(last.iso8601)")
        }
        lines.append("")
        for section in sections where !section.groups.isEmpty {
            lines += describe(section, analysis: analysis)
        }
        return lines
    }

    // MARK: - Sections

    private func input(_ analysis: LogAnalysis) -> [String] {
        let statistics = analysis.statistics
        let megabytes = Double(statistics.bytesRead) / 1_000_000
        let rate = analysis.seconds > 0 ? megabytes / analysis.seconds : 0
        var lines = [
            "Read \(statistics.inputs) input(s): \(Self.number(statistics.lines)) lines, "
                + "\(Self.number(statistics.messages)) messages, \(String(format: "%.1f", megabytes)) MB in "
                + "\(String(format: "%.2f", analysis.seconds)) s (\(String(format: "%.0f", rate)) MB/s)"
        ]
        let formats = statistics.formats.sorted { $0.key.rawValue < $1.key.rawValue }.map {
            "\($0.key.rawValue) \($0.value)"
        }
        if !formats.isEmpty { lines.append("Formats: " + formats.joined(separator: ", ")) }
        var problems: [String] = []
        if statistics.malformedLines > 0 { problems.append("\(statistics.malformedLines) malformed line(s)") }
        if statistics.invalidUTF8 > 0 { problems.append("\(statistics.invalidUTF8) with invalid UTF-8") }
        if statistics.overlongLines > 0 { problems.append("\(statistics.overlongLines) overlong line(s) skipped") }
        if statistics.truncatedInputs > 0 { problems.append("\(statistics.truncatedInputs) truncated input(s)") }
        if !statistics.unrecognisedInputs.isEmpty {
            problems.append("\(statistics.unrecognisedInputs.count) input(s) in no known format")
        }
        if !statistics.unreadableInputs.isEmpty {
            problems.append("\(statistics.unreadableInputs.count) unreadable input(s)")
        }
        if !statistics.emptyInputs.isEmpty { problems.append("\(statistics.emptyInputs.count) empty input(s)") }
        if !problems.isEmpty { lines.append(style.yellow("Input problems: ") + problems.joined(separator: ", ")) }
        lines += statistics.skippedInputs(limit: 10).map { "  " + $0 }
        if statistics.messagesWithoutFailure > 0 {
            let kinds = NonFailureMessage.allCases.compactMap { kind in
                statistics.nonFailureMessages[kind].map { kind.counted($0) }
            }
            lines.append(
                "\(statistics.messagesWithoutFailure) message(s) held no delivery failure, not counted as failures: "
                    + kinds.joined(separator: ", "))
        }
        return lines
    }

    /// The side's tables: its failures by category, recipient domain and relay, with their share of its failures,
    /// and its failures per hour.
    private func tables(_ section: AnalysisSection) -> [String] {
        let whole = section.tableWhole
        return table("By category (share of \(whole))", section.categoryRows, in: section)
            + table(
                "By recipient domain (share of \(whole))",
                AnalysisSection.rows(section.counts.recipientDomains, top: top), in: section)
            + table(
                "By relay (share of \(whole))", AnalysisSection.rows(section.counts.relays, top: top), in: section)
            + histogram(section.counts.hours, of: whole)
    }

    private func table(_ title: String, _ rows: [(String, Int)], in section: AnalysisSection) -> [String] {
        guard !rows.isEmpty else { return [] }
        var lines = [style.bold(title)]
        let shown = rows.prefix(top)
        for (name, count) in shown {
            let label = name.count > width - 24 ? String(name.prefix(width - 25)) + "…" : name
            let share = section.tableShare(count).leftPadded(6)
            lines.append(
                "  " + label.padding(toLength: max(label.count, width - 24), withPad: " ", startingAt: 0)
                    + Self.number(count).leftPadded(9) + "  " + share)
        }
        lines.append("")
        return lines
    }

    private func histogram(_ counter: BoundedCounter, of whole: String) -> [String] {
        let hours = counter.counts.sorted { $0.key < $1.key }
        guard !hours.isEmpty else { return [] }
        var lines = [style.bold("Per hour (\(whole))")]
        let peak = hours.map(\.value).max() ?? 1
        let barWidth = width - 32
        for (hour, count) in hours.suffix(72) {
            let bar = String(repeating: "#", count: max(1, count * barWidth / max(peak, 1)))
            lines.append("  \(hour):00  \(Self.number(count).leftPadded(9))  \(bar)")
        }
        if hours.count > 72 { lines.append("  (the last 72 of \(hours.count) hours)") }
        lines.append("")
        return lines
    }

    private func describe(_ section: AnalysisSection, analysis: LogAnalysis) -> [String] {
        var lines = [style.bold(section.heading), String(repeating: "=", count: min(section.heading.count, width))]
        lines.append(section.text)
        lines.append("")
        lines += tables(section)
        for (rank, group) in section.groups.prefix(top).enumerated() {
            lines += describe(group, rank: rank + 1, in: section, analysis: analysis)
        }
        if section.groups.count > top {
            lines.append(
                "… \(section.groups.count - top) more \(section.side.rawValue) groups (see --top or --format json)")
            lines.append("")
        }
        return lines
    }

    private func describe(_ group: FailureGroup, rank: Int, in section: AnalysisSection, analysis: LogAnalysis)
        -> [String]
    {
        let wrapper = TextWrapper(width: width)
        var lines: [String] = []
        let title = group.title ?? "Not recognised"
        let head = "\(rank). "
        lines += wrapper.wrap(
            style.bold(title) + "  (\(section.countText(group)))", first: head,
            rest: String(repeating: " ", count: head.count))
        let id =
            group.diagnosisID.map { "\($0)  [\(group.category ?? "")]  \(percent(group.confidence))" }
            ?? "no diagnosis reached the threshold; try smtp-doctor diagnose --error on a sample"
        lines.append("   " + style.dim(id))
        if let first = group.firstSeen, let last = group.lastSeen {
            lines.append("   first seen \(first.iso8601), last seen \(last.iso8601)")
        }
        let domains = group.recipientDomains.top(3).map { "\($0.key) (\(Self.number($0.count)))" }
        if !domains.isEmpty {
            lines += wrapper.wrap(domains.joined(separator: ", "), first: "   domains: ", rest: "     ")
        }
        let relays = group.relays.top(3).map { "\($0.key) (\(Self.number($0.count)))" }
        if !relays.isEmpty {
            lines += wrapper.wrap(relays.joined(separator: ", "), first: "   relays: ", rest: "     ")
        }
        lines.append("   Samples:")
        for sample in group.samples {
            let text = "\(sample.location): \(sample.sample)"
            let room = width - 5
            lines.append("     " + (text.count > room ? String(text.prefix(room - 1)) + "…" : text))
        }
        if let id = group.diagnosisID, let checklist = analysis.checklists[group.key], !checklist.isEmpty {
            lines.append("   What to do:")
            for item in checklist.prefix(6) {
                lines += wrapper.wrap(item.step, first: "     [ ] ", rest: "         ")
            }
            if checklist.count > 6 { lines.append("     … \(checklist.count - 6) more: smtp-doctor rules show \(id)") }
        }
        lines.append("")
        return lines
    }

    /// `12,345`.
    static func number(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
