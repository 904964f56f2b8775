/// The failure events of one side that share a diagnosis (or are all unrecognised), summarised with bounded memory.
public struct FailureGroup: Sendable {
    /// The side of the server its events are on.
    public var side: TrafficSide
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
    public init(side: TrafficSide, diagnosisID: String?, category: String?, title: String?) {
        self.side = side
        self.diagnosisID = diagnosisID
        self.category = category
        self.title = title
    }

    /// The key of the group of `side` and `diagnosisID` (`inbound/relay.inbound-relay-attempt-refused`;
    /// `outbound/` for the unrecognised outbound failures).
    public static func key(side: TrafficSide, diagnosisID: String?) -> String {
        "\(side.rawValue)/\(diagnosisID ?? "")"
    }

    /// This group's key in `FailureSummary.groups` and `LogAnalysis.checklists`.
    public var key: String { Self.key(side: side, diagnosisID: diagnosisID) }

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
