/// The outcome of `LogAnalyzer.run`: what was read, the aggregated failures, and a checklist for each group.
public struct LogAnalysis: Sendable {
    /// What reading found, problems included.
    public var statistics: InputStatistics
    /// The failures, aggregated.
    public var summary: FailureSummary
    /// The checklist for each diagnosed group, by group key (`FailureGroup.key`).
    public var checklists: [String: [ChecklistItem]]
    /// Diagnoses served from the cache of normalised failure texts.
    public var cacheHits: Int
    /// Diagnoses computed by the engine.
    public var cacheMisses: Int
    /// Wall time of the analysis in seconds.
    public var seconds: Double
}
