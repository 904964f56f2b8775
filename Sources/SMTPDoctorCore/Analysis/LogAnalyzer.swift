/// Reads inputs, diagnoses each failure event and aggregates them: the pipeline of `smtp-doctor analyze`.
public struct LogAnalyzer {
    /// The engine used for every event.
    public let engine: InferenceEngine
    /// How many sample events each group keeps.
    public var sampleLimit: Int
    /// The size of the pieces large log files are parsed in at once (`LogReader.parallelPieceSize`).
    var parallelPieceSize = LogReader.defaultParallelPieceSize

    /// Creates an analyzer.
    public init(engine: InferenceEngine, sampleLimit: Int = 3) {
        self.engine = engine
        self.sampleLimit = sampleLimit
    }

    /// Analyses the inputs in order; large log files are parsed and diagnosed on every core, and the results are
    /// the same as reading them line by line.
    /// - Parameters:
    ///   - paths: files, folders, or `-` for standard input.
    ///   - progress: called after each chunk read with the statistics so far.
    ///   - onEvent: called with each event and its diagnosis as soon as it is read (for `--jsonl`).
    /// - Returns: the aggregated analysis.
    public func run(
        _ paths: [String], progress: (InputStatistics) -> Void = { _ in },
        onEvent: (FailureEvent, EventDiagnosis) -> Void = { _, _ in }
    ) -> LogAnalysis {
        let start = ContinuousClock.now
        var reader = LogReader()
        reader.parallelPieceSize = parallelPieceSize
        reader.stagePhrases = engine.knowledgeBase.stagePhrases
        reader.bounceWording = engine.knowledgeBase.bounceWording
        var diagnoser = EventDiagnoser(engine: engine)
        let concurrent = ConcurrentDiagnoses(diagnoser)
        var summary = FailureSummary(sampleLimit: sampleLimit)
        for path in paths {
            reader.read(
                path, progress: progress, prepare: { concurrent.prepare($0, piece: $1) },
                onEvent: { event, prepared in
                    let diagnosis = diagnoser.diagnose(event, key: prepared.key, computed: prepared.diagnosis)
                    summary.add(event, diagnosis)
                    onEvent(event, diagnosis)
                })
        }
        var checklists: [String: [ChecklistItem]] = [:]
        for group in summary.groups.values {
            guard let id = group.diagnosisID, let representative = group.samples.first else { continue }
            let result = engine.diagnose(diagnoser.evidence(for: representative))
            checklists[group.key] = result.checklist.filter { $0.diagnosisIDs.contains(id) }
        }
        let elapsed = ContinuousClock.now - start
        return LogAnalysis(
            statistics: reader.statistics, summary: summary, checklists: checklists, cacheHits: diagnoser.cacheHits,
            cacheMisses: diagnoser.cacheMisses,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
