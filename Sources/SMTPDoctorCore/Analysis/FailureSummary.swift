/// Every failure event of an analysis, aggregated: by side and diagnosis, and for each side by category, recipient
/// domain, relay and hour (`SideCounts`).
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
    /// Counts by status.
    public private(set) var statuses: [FailureStatus: Int] = [:]
    /// Counts by side: outbound failures, inbound refusals, submission refusals.
    public private(set) var sides: [TrafficSide: Int] = [:]
    /// The tables of each side: its records by category, status, recipient domain, relay and hour.
    public private(set) var counts: [TrafficSide: SideCounts] = [:]
    /// The earliest and latest times seen.
    public private(set) var firstSeen: LogTimestamp?
    public private(set) var lastSeen: LogTimestamp?

    /// The category name used for events without a diagnosis.
    public static let unrecognised = "unrecognised"

    /// Creates an empty summary.
    public init(sampleLimit: Int = 3) {
        self.sampleLimit = sampleLimit
    }

    /// Adds one diagnosed event. A delay (a bounce message's recipient still being tried, `FailureStatus.delayed`)
    /// is no failure and is not counted; the reader labels the messages that hold only delays.
    public mutating func add(_ event: FailureEvent, _ diagnosis: EventDiagnosis) {
        guard event.status != .delayed else { return }
        total += 1
        let key = FailureGroup.key(side: event.side, diagnosisID: diagnosis.diagnosisID)
        // Changed in place: a copy taken out and stored back would copy its counters' tables on every event.
        groups[
            key,
            default: FailureGroup(
                side: event.side, diagnosisID: diagnosis.diagnosisID, category: diagnosis.category,
                title: diagnosis.title)
        ].add(event, diagnosis, sampleLimit: sampleLimit)
        statuses[event.status, default: 0] += 1
        sides[event.side, default: 0] += 1
        counts[event.side, default: SideCounts()].add(event, diagnosis)
        if let time = event.time {
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
