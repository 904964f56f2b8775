import Foundation
import SMTPDoctorCore

/// The Markdown or HTML document of `smtp-doctor analyze`: counts, then every group of failures with its samples and
/// checklist, rendered through the `analysis.md` and `analysis.html` templates.
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
        let summary = analysis.summary
        let statistics = analysis.statistics
        let total = max(summary.total, 1)
        func rows(_ pairs: [(String, Int)]) -> [[String: Any]] {
            pairs.prefix(top).map { name, count in
                ["name": name, "count": count, "share": String(format: "%.1f%%", Double(count) * 100 / Double(total))]
            }
        }
        let categories = summary.categories.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
            ($0.key, $0.value)
        }
        let groups = summary.rankedGroups.prefix(top).enumerated().map { rank, group in
            self.group(group, rank: rank + 1)
        }
        return [
            "title": "smtp-doctor analysis: \(summary.total) delivery \(summary.total == 1 ? "failure" : "failures")",
            "summary": summaryText,
            "toolVersion": environment.toolVersion,
            "knowledgeBase": environment.knowledgeBase,
            "generatedAt": SupportReport.timestamp(environment.generatedAt),
            "inputs": statistics.inputs, "lines": statistics.lines, "messages": statistics.messages,
            "malformed": statistics.malformedLines, "invalidUTF8": statistics.invalidUTF8,
            "overlong": statistics.overlongLines, "truncated": statistics.truncatedInputs,
            "inputProblems": statistics.skippedInputs(limit: 20),
            "hasInputProblems": !statistics.skippedInputs(limit: 1).isEmpty,
            "hasGroups": !groups.isEmpty,
            "categories": rows(categories),
            "domains": rows(summary.recipientDomains.top(top).map { ($0.key, $0.count) }),
            "relays": rows(summary.relays.top(top).map { ($0.key, $0.count) }),
            "hours": summary.hours.counts.sorted { $0.key < $1.key }.suffix(72).map {
                ["name": "\($0.key):00", "count": $0.value] as [String: Any]
            },
            "groups": groups,
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
        var text = "\(summary.total) delivery failures in \(analysis.statistics.inputs) input(s)"
        if let first = summary.firstSeen, let last = summary.lastSeen {
            text += ", from \(first.iso8601) to \(last.iso8601)"
        }
        if let leading = summary.rankedGroups.first {
            text += ". The most frequent cause: \(leading.title ?? "not recognised") (\(leading.count))."
        }
        return text
    }

    private func group(_ group: FailureGroup, rank: Int) -> [String: Any] {
        let checklist = group.diagnosisID.flatMap { analysis.checklists[$0] } ?? []
        let domains = group.recipientDomains.top(3)
        return [
            "rank": rank,
            "title": group.title ?? "Not recognised",
            "id": group.diagnosisID ?? "none",
            "category": group.category ?? "none",
            "count": group.count,
            "failureWord": group.count == 1 ? "failure" : "failures",
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
