/// Diagnoses failure events with the inference engine, remembering the result for each normalised failure text.
///
/// A log repeats the same few failures thousands of times with different addresses, queue ids, hosts and domains;
/// the cache key is the format, the status and `FailureTextNormaliser.normalise(text)`, so a repeat costs a
/// normalisation and a dictionary lookup instead of parsing and inference. Two texts that differ only in host or
/// domain names that hold none of the knowledge base's phrases share an entry; a name that holds one (`outlook.com`,
/// `zen.spamhaus.org`) keeps texts apart. The cache holds at most
/// `maximumCacheEntries`; when full it is emptied and starts again, which keeps memory bounded.
public struct EventDiagnoser: Sendable {
    /// The engine that diagnoses cache misses.
    public let engine: InferenceEngine
    /// Results served from the cache.
    public private(set) var cacheHits = 0
    /// Results computed by the engine.
    public private(set) var cacheMisses = 0
    /// How many distinct normalised texts are remembered at most.
    public static let maximumCacheEntries = 20_000

    private var cache: [String: EventDiagnosis] = [:]
    private let parser = ErrorTextParser()
    /// The knowledge base's phrases, to keep in the cache key the names the rules can tell apart.
    private let phrases: PhraseSpotter

    /// Creates a diagnoser.
    public init(engine: InferenceEngine) {
        self.engine = engine
        phrases = PhraseSpotter(engine.knowledgeBase.phraseMatcher)
    }

    /// The diagnosis of one event, from the cache when the same normalised failure was seen before.
    public mutating func diagnose(_ event: FailureEvent) -> EventDiagnosis {
        diagnose(event, key: cacheKey(for: event), computed: nil)
    }

    /// The diagnosis of one event whose cache key is known, from the cache when the same normalised failure was
    /// seen before.
    /// - Parameters:
    ///   - event: the event.
    ///   - key: `cacheKey(for: event)`.
    ///   - computed: `uncachedDiagnosis(of: event)` when it was already worked out (on another thread), or nil.
    public mutating func diagnose(_ event: FailureEvent, key: String, computed: EventDiagnosis?) -> EventDiagnosis {
        if let cached = cache[key] {
            cacheHits += 1
            return cached
        }
        cacheMisses += 1
        let diagnosis = computed ?? uncachedDiagnosis(of: event)
        if cache.count >= Self.maximumCacheEntries { cache.removeAll(keepingCapacity: true) }
        cache[key] = diagnosis
        return diagnosis
    }

    /// What the cache keeps the diagnosis of an event under: its format, status, side and stage, and its failure text
    /// normalised with the knowledge base's phrases.
    public func cacheKey(for event: FailureEvent) -> String {
        "\(event.format.rawValue)|\(event.status.rawValue)|\(event.side.rawValue)|\(event.stage ?? "")|"
            + FailureTextNormaliser.normalise(event.text, keepingNamesWith: phrases)
    }

    /// The diagnosis of one event by the engine, without the cache.
    public func uncachedDiagnosis(of event: FailureEvent) -> EventDiagnosis {
        let result = engine.diagnose(evidence(for: event))
        let facts = result.facts
        func value(_ name: String) -> FactValue? { facts.first { $0.name == name }?.value }
        let best = result.diagnoses.first
        return EventDiagnosis(
            diagnosisID: best?.definition.id, category: best?.definition.category, title: best?.definition.title,
            confidence: best.map { ($0.confidence * 1000).rounded() / 1000 } ?? 0,
            replyCode: value("reply.code")?.intValue,
            enhancedCode: value("reply.enhanced")?.stringValue, stage: value("smtp.stage")?.stringValue,
            provider: result.provider?.id)
    }

    /// The evidence of one event: the facts the error-text parser finds in its failure text, completed with what
    /// the log states structurally (relay, stage) and the `log.format` and `log.status` facts.
    public func evidence(for event: FailureEvent) -> Evidence {
        let source = FactSource(.log, event.location)
        var facts = parser.parse(event.text, source: source).facts
        func has(_ name: String) -> Bool { facts.contains { $0.name == name } }
        if let host = event.remoteHost, !has("remote.host") {
            facts.append(Fact("remote.host", .string(host), source: source))
        }
        if let ip = event.remoteIP, !has("remote.ip") { facts.append(Fact("remote.ip", .string(ip), source: source)) }
        if let stage = event.stage, !has("smtp.stage") {
            facts.append(Fact("smtp.stage", .string(stage), source: source))
        }
        facts.append(Fact("log.format", .string(event.format.factValue), source: source))
        facts.append(Fact("log.status", .string(event.status.rawValue), source: source))
        facts.append(Fact("log.side", .string(event.side.rawValue), source: source))
        return Evidence(observations: [Observation(facts: facts)])
    }
}
