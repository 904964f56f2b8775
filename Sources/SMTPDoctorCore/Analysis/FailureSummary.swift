/// Every failure event of an analysis, aggregated: by diagnosis, category, recipient domain, relay and hour.
///
/// Memory does not grow with the number of events: groups are bounded by the knowledge base, counters by their
/// capacity, samples by `sampleLimit`, and the histogram by the hours the log spans.
public struct FailureSummary: Sendable {
    /// How many sample events each group keeps.
    public var sampleLimit: Int
    /// All events.
    public private(set) var total = 0
    /// Groups by side and diagnosis id (`FailureGroup.key`); the unrecognised events of a side under an empty id.
    public private(set) var groups: [String: FailureGroup] = [:]
    /// Counts by category (`unrecognised` for events without a diagnosis).
    public private(set) var categories: [String: Int] = [:]
    /// Counts by status.
    public private(set) var statuses: [FailureStatus: Int] = [:]
    /// Counts by side: outbound failures, inbound refusals, submission refusals.
    public private(set) var sides: [TrafficSide: Int] = [:]
    /// Counts by recipient domain.
    public private(set) var recipientDomains = BoundedCounter(capacity: 10_000)
    /// Counts by relay.
    public private(set) var relays = BoundedCounter(capacity: 10_000)
    /// Counts by hour (`2026-05-01T06`, or `--05-01T06` without a year).
    public private(set) var hours = BoundedCounter(capacity: 24 * 400)
    /// The earliest and latest times seen.
    public private(set) var firstSeen: LogTimestamp?
    public private(set) var lastSeen: LogTimestamp?

    /// The category name used for events without a diagnosis.
    public static let unrecognised = "unrecognised"

    /// Creates an empty summary.
    public init(sampleLimit: Int = 3) {
        self.sampleLimit = sampleLimit
    }

    /// Adds one diagnosed event.
    public mutating func add(_ event: FailureEvent, _ diagnosis: EventDiagnosis) {
        total += 1
        let key = FailureGroup.key(side: event.side, diagnosisID: diagnosis.diagnosisID)
        var group =
            groups[key]
            ?? FailureGroup(
                side: event.side, diagnosisID: diagnosis.diagnosisID, category: diagnosis.category,
                title: diagnosis.title)
        group.add(event, diagnosis, sampleLimit: sampleLimit)
        groups[key] = group
        categories[diagnosis.category ?? Self.unrecognised, default: 0] += 1
        statuses[event.status, default: 0] += 1
        sides[event.side, default: 0] += 1
        if let domain = event.recipientDomain { recipientDomains.add(domain) }
        if let relay = event.relay { relays.add(relay) }
        if let time = event.time {
            hours.add(time.hourKey)
            if firstSeen.map({ time < $0 }) ?? true { firstSeen = time }
            if lastSeen.map({ time > $0 }) ?? true { lastSeen = time }
        }
    }

    /// The groups, largest first; ties by diagnosis id, the unrecognised group last among equals.
    public var rankedGroups: [FailureGroup] {
        groups.values.sorted {
            ($0.count, $1.diagnosisID ?? "~", $1.side.rawValue) > ($1.count, $0.diagnosisID ?? "~", $0.side.rawValue)
        }
    }

    /// The groups of one side, ranked as `rankedGroups`.
    public func rankedGroups(on side: TrafficSide) -> [FailureGroup] {
        rankedGroups.filter { $0.side == side }
    }
}
