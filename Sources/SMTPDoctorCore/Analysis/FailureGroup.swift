/// The failure events that share a diagnosis (or are all unrecognised), summarised with bounded memory.
public struct FailureGroup: Sendable {
    /// The diagnosis, or nil for the events nothing was recognised in.
    public var diagnosisID: String?
    /// Its category.
    public var category: String?
    /// Its title.
    public var title: String?
    /// The highest confidence seen for it.
    public var confidence: Double = 0
    /// How many events.
    public var count = 0
    /// The earliest and latest times seen.
    public var firstSeen: LogTimestamp?
    public var lastSeen: LogTimestamp?
    /// Counts by status (bounced, deferred …).
    public var statuses: [FailureStatus: Int] = [:]
    /// Counts by recipient domain.
    public var recipientDomains = BoundedCounter(capacity: 1_000)
    /// Counts by relay (remote host, or its address).
    public var relays = BoundedCounter(capacity: 1_000)
    /// The first events, as samples; the first one also stands for the group when its checklist is built.
    public var samples: [FailureEvent] = []

    /// Creates an empty group.
    public init(diagnosisID: String?, category: String?, title: String?) {
        self.diagnosisID = diagnosisID
        self.category = category
        self.title = title
    }

    /// Adds an event.
    mutating func add(_ event: FailureEvent, _ diagnosis: EventDiagnosis, sampleLimit: Int) {
        count += 1
        confidence = max(confidence, diagnosis.confidence)
        statuses[event.status, default: 0] += 1
        if let time = event.time {
            if firstSeen.map({ time < $0 }) ?? true { firstSeen = time }
            if lastSeen.map({ time > $0 }) ?? true { lastSeen = time }
        }
        if let domain = event.recipientDomain { recipientDomains.add(domain) }
        if let relay = event.relay { relays.add(relay) }
        if samples.count < max(sampleLimit, 1) { samples.append(event) }
    }
}
