import Foundation
import SMTPDoctorCore

/// Renders a log analysis as one JSON object (schema version 2), for `smtp-doctor analyze --format json`.
///
/// ```json
/// { "schemaVersion": 2, "tool": {…}, "input": { "bytes": 0, "lines": 0, "malformedLines": 0, … },
///   "failures": 0, "firstSeen": "…", "lastSeen": "…", "statuses": {…},
///   "sides": [ { "side": "outbound", "title": "…", "failures": 2, "delivered": 10, "records": 12,
///                "failureRate": 16.7, "statuses": {…}, "categories": {…},
///                "recipientDomains": [ { "name": "example.com", "count": 2 } ], "relays": […], "hours": […] } ],
///   "groups": [ { "side": "outbound", "diagnosis": "recipient.unknown-user", "category": "recipient", "count": 3,
///                 "shareOfSide": 25.0, …, "samples": [ … ], "checklist": [ … ] } ] }
/// ```
/// Every table is one side's: version 1 counted categories, recipient domains, relays and hours over all sides
/// together. `groups` holds the groups of each side in the order of `sides`, largest first within a side;
/// `failureRate` and `shareOfSide` are percentages of the side's records (failures and deliveries), absent when the
/// inputs record no delivery.
public struct AnalysisJSONRenderer: Sendable {
    /// The tool's version for the `tool` object.
    public var toolVersion: String
    /// How many domains and relays to list.
    public var top: Int

    /// Creates a renderer.
    public init(toolVersion: String, top: Int = 20) {
        self.toolVersion = toolVersion
        self.top = top
    }

    /// The JSON text, pretty-printed with sorted keys, ending in a newline.
    ///
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    public func render(_ analysis: LogAnalysis, knowledgeBase: KnowledgeBase) throws(RenderError) -> String {
        let document = Document(analysis, knowledgeBase: knowledgeBase, version: toolVersion, top: top)
        return UntrustedText.json(try RenderError.json(document, naming: "the analysis")) + "\n"
    }
}

// MARK: - The document

private struct Count: Encodable {
    let name: String
    let count: Int
}

private struct Document: Encodable {
    struct Tool: Encodable {
        let name: String
        let version: String
        let diagnoses: Int
    }
    struct Input: Encodable {
        let inputs: Int
        let bytes: Int
        let lines: Int
        let messages: Int
        let formats: [String: Int]
        let malformedLines: Int
        let invalidUTF8: Int
        let overlongLines: Int
        let truncatedInputs: Int
        let messagesWithoutFailure: Int
        let nonFailureMessages: [String: Int]
        let unrecognisedInputs: [String]
        let unreadableInputs: [String]
        let emptyInputs: [String]
        let seconds: Double
        let cacheHits: Int
        let cacheMisses: Int
    }
    struct ChecklistEntry: Encodable {
        let step: String
        let remediation: String
        let provider: String?
    }
    struct Side: Encodable {
        let side: String
        let title: String
        let failures: Int
        let delivered: Int
        let records: Int
        let failureRate: Double?
        let statuses: [String: Int]
        let categories: [String: Int]
        let recipientDomains: [Count]
        let relays: [Count]
        let hours: [Count]
    }
    struct Group: Encodable {
        let side: String
        let diagnosis: String?
        let category: String
        let title: String?
        let confidence: Double
        let count: Int
        let shareOfSide: Double?
        let firstSeen: String?
        let lastSeen: String?
        let statuses: [String: Int]
        let recipientDomains: [Count]
        let relays: [Count]
        let samples: [FailureEventRecord]
        let checklist: [ChecklistEntry]
    }
    let schemaVersion = 2
    let tool: Tool
    let input: Input
    let failures: Int
    let firstSeen: String?
    let lastSeen: String?
    let statuses: [String: Int]
    let sides: [Side]
    let groups: [Group]

    init(_ analysis: LogAnalysis, knowledgeBase: KnowledgeBase, version: String, top: Int) {
        let statistics = analysis.statistics
        let summary = analysis.summary
        tool = Tool(name: "smtp-doctor", version: version, diagnoses: knowledgeBase.diagnoses.count)
        input = Input(
            inputs: statistics.inputs, bytes: statistics.bytesRead, lines: statistics.lines,
            messages: statistics.messages,
            formats: Dictionary(uniqueKeysWithValues: statistics.formats.map { ($0.key.rawValue, $0.value) }),
            malformedLines: statistics.malformedLines, invalidUTF8: statistics.invalidUTF8,
            overlongLines: statistics.overlongLines, truncatedInputs: statistics.truncatedInputs,
            messagesWithoutFailure: statistics.messagesWithoutFailure,
            nonFailureMessages: Dictionary(
                uniqueKeysWithValues: statistics.nonFailureMessages.map { ($0.key.rawValue, $0.value) }),
            unrecognisedInputs: statistics.unrecognisedInputs, unreadableInputs: statistics.unreadableInputs,
            emptyInputs: statistics.emptyInputs,
            seconds: (analysis.seconds * 1000).rounded() / 1000, cacheHits: analysis.cacheHits,
            cacheMisses: analysis.cacheMisses)
        failures = summary.total
        firstSeen = summary.firstSeen?.iso8601
        lastSeen = summary.lastSeen?.iso8601
        statuses = Dictionary(uniqueKeysWithValues: summary.statuses.map { ($0.key.rawValue, $0.value) })
        let sections = AnalysisSection.all(analysis)
        sides = sections.map { section in
            let counts = section.counts
            return Side(
                side: section.side.rawValue, title: section.heading, failures: section.failures,
                delivered: section.delivered, records: section.failures + section.delivered,
                failureRate: section.failureRate,
                statuses: Dictionary(uniqueKeysWithValues: section.statuses.map { ($0.key.rawValue, $0.value) }),
                categories: counts.categories,
                recipientDomains: counts.recipientDomains.top(top).map { Count(name: $0.key, count: $0.count) },
                relays: counts.relays.top(top).map { Count(name: $0.key, count: $0.count) },
                hours: counts.hours.counts.sorted { $0.key < $1.key }.map { Count(name: $0.key, count: $0.value) })
        }
        groups = sections.flatMap { section in section.groups.map { (section, $0) } }.map { section, group in
            Group(
                side: group.side.rawValue, diagnosis: group.diagnosisID,
                category: group.category ?? FailureSummary.unrecognised, title: group.title,
                confidence: group.confidence, count: group.count, shareOfSide: section.share(of: group),
                firstSeen: group.firstSeen?.iso8601, lastSeen: group.lastSeen?.iso8601,
                statuses: Dictionary(uniqueKeysWithValues: group.statuses.map { ($0.key.rawValue, $0.value) }),
                recipientDomains: group.recipientDomains.top(top).map { Count(name: $0.key, count: $0.count) },
                relays: group.relays.top(top).map { Count(name: $0.key, count: $0.count) },
                samples: group.samples.map { FailureEventRecord($0, nil) },
                checklist: (analysis.checklists[group.key] ?? []).map {
                    ChecklistEntry(step: $0.step, remediation: $0.remediationID, provider: $0.provider)
                })
        }
    }
}
