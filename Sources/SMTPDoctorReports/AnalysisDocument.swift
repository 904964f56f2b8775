import Foundation
import SMTPDoctorCore

/// The Markdown or HTML document of `smtp-doctor analyze`: counts by side, then a section for each side of the server
/// (outbound, inbound, submission) with its failure rate, its tables by category, recipient domain, relay and hour,
/// and every group of its failures with samples and checklist, rendered by
/// ``AnalysisDocumentRenderer`` through the `analysis.md` and `analysis.html` templates.
public struct AnalysisDocument: Sendable {
    /// The analysis.
    public var analysis: LogAnalysis
    /// Tool, knowledge base and time of the document.
    public var environment: SupportReport.Environment
    /// How many groups, domains and relays to list.
    public var top: Int

    /// Creates the document.
    public init(analysis: LogAnalysis, environment: SupportReport.Environment, top: Int = 10) {
        self.analysis = analysis
        self.environment = environment
        self.top = top
    }

    /// The values the templates see (documented in `Templates/README.md`); strings are raw, the templates escape.
    var templateContext: [String: Any] {
        let statistics = analysis.statistics
        let sections = AnalysisSection.all(analysis)
        let shown = sections.filter { !$0.groups.isEmpty }.map(section)
        return [
            "title": title(sections),
            "summary": summaryText,
            "toolVersion": environment.toolVersion,
            "knowledgeBase": environment.knowledgeBase,
            "generatedAt": SupportReport.timestamp(environment.generatedAt),
            "inputs": statistics.inputs, "lines": statistics.lines, "messages": statistics.messages,
            "malformed": statistics.malformedLines, "invalidUTF8": statistics.invalidUTF8,
            "overlong": statistics.overlongLines, "truncated": statistics.truncatedInputs,
            "inputProblems": statistics.skippedInputs(limit: 20),
            "hasInputProblems": !statistics.skippedInputs(limit: 1).isEmpty,
            "hasGroups": !shown.isEmpty,
            "sides": sections.map { ["text": $0.text] },
            "sections": shown,
        ]
    }

    /// `smtp-doctor analysis: 3 delivery failures`, or with refusals by our server
    /// `smtp-doctor analysis: 2 delivery failures, 5 refusals`.
    private func title(_ sections: [AnalysisSection]) -> String {
        let outbound = sections.first { $0.side == .outbound }?.failures ?? 0
        let refused = sections.filter { $0.side != .outbound }.map(\.failures).reduce(0, +)
        var parts = ["\(outbound) delivery \(outbound == 1 ? "failure" : "failures")"]
        if refused > 0 { parts.append("\(refused) \(refused == 1 ? "refusal" : "refusals")") }
        return "smtp-doctor analysis: " + parts.joined(separator: ", ")
    }

    private func section(_ section: AnalysisSection) -> [String: Any] {
        let groups = section.groups.prefix(top).enumerated().map { rank, group in
            self.group(group, rank: rank + 1, in: section)
        }
        func rows(_ pairs: [(String, Int)]) -> [[String: Any]] {
            pairs.prefix(top).map { name, count in ["name": name, "count": count, "share": section.tableShare(count)] }
        }
        return [
            "side": section.side.rawValue, "heading": section.heading, "rate": section.text,
            "whole": section.tableWhole,
            "categories": rows(section.categoryRows),
            "domains": rows(AnalysisSection.rows(section.counts.recipientDomains, top: top)),
            "relays": rows(AnalysisSection.rows(section.counts.relays, top: top)),
            "hours": section.counts.hours.counts.sorted { $0.key < $1.key }.suffix(72).map {
                ["name": "\($0.key):00", "count": $0.value] as [String: Any]
            },
            "groups": groups, "more": max(section.groups.count - top, 0), "hasMore": section.groups.count > top,
        ]
    }

    private var summaryText: String {
        let summary = analysis.summary
        guard summary.total > 0 else {
            let unreadable = analysis.statistics.unreadableInputs.count
            return unreadable == 0
                ? "No delivery failures were found."
                : "No delivery failures were found in what could be read; \(unreadable) input(s) could not be read."
        }
        let sections = AnalysisSection.all(analysis).filter { $0.failures > 0 }
        let sides = sections.map { "\($0.failures) \($0.side.rawValue) \($0.failureNoun($0.failures))" }
        var text = "\(sides.joined(separator: ", ")) in \(analysis.statistics.inputs) input(s)"
        if let first = summary.firstSeen, let last = summary.lastSeen {
            text += ", from \(first.iso8601) to \(last.iso8601)"
        }
        // The leading cause of the side listed first: our own delivery failures when there are any.
        if let section = sections.first, let leading = section.groups.first {
            text += ". The most frequent \(section.side.rawValue) cause: \(leading.title ?? "not recognised")"
            text += " (\(leading.count))."
        }
        return text
    }

    private func group(_ group: FailureGroup, rank: Int, in section: AnalysisSection) -> [String: Any] {
        let checklist = analysis.checklists[group.key] ?? []
        let domains = group.recipientDomains.top(3)
        return [
            "rank": rank,
            "title": group.title ?? "Not recognised",
            "id": group.diagnosisID ?? "none",
            "category": group.category ?? "none",
            "count": group.count,
            "failureWord": section.failureNoun(group.count),
            "countText": section.countText(group),
            "confidence": "\(Int((group.confidence * 100).rounded()))%",
            "firstSeen": group.firstSeen?.iso8601 ?? "unknown",
            "lastSeen": group.lastSeen?.iso8601 ?? "unknown",
            "hasDomains": !domains.isEmpty,
            "domains": domains.enumerated().map { index, domain in
                ["name": domain.key, "count": domain.count, "last": index == domains.count - 1] as [String: Any]
            },
            "hasSamples": !group.samples.isEmpty,
            "samples": group.samples.map { sample -> [String: Any] in
                [
                    "location": sample.location, "text": sample.sample,
                    "fence": SupportReport.fence(for: sample.location + sample.sample),
                ]
            },
            "hasChecklist": !checklist.isEmpty,
            "checklist": checklist.map { ["step": $0.step] },
        ]
    }
}
