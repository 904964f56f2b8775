/// The failure records of one side of the server (outbound, inbound or submission) counted by category, status,
/// recipient domain, relay and hour, so that the tables of one side never hold another side's records: an inbound
/// spam client refused by our MX is not among the outbound delivery failures.
public struct SideCounts: Sendable {
    /// The side's failure records.
    public private(set) var total = 0
    /// Counts by category (`FailureSummary.unrecognised` for records without a diagnosis).
    public private(set) var categories: [String: Int] = [:]
    /// Counts by status.
    public private(set) var statuses: [FailureStatus: Int] = [:]
    /// Counts by recipient domain.
    public private(set) var recipientDomains = BoundedCounter(capacity: 10_000)
    /// Counts by relay: the remote server (outbound) or the refused client (inbound, submission).
    public private(set) var relays = BoundedCounter(capacity: 10_000)
    /// Counts by hour (`2026-05-01T06`).
    public private(set) var hours = BoundedCounter(capacity: 24 * 400)

    /// Creates empty counts.
    public init() {}

    /// Counts one diagnosed record of this side.
    mutating func add(_ event: FailureEvent, _ diagnosis: EventDiagnosis) {
        total += 1
        categories[diagnosis.category ?? FailureSummary.unrecognised, default: 0] += 1
        statuses[event.status, default: 0] += 1
        if let domain = event.recipientDomain { recipientDomains.add(domain) }
        if let relay = event.relay { relays.add(relay) }
        if let time = event.time { hours.add(time.hourKey) }
    }
}
