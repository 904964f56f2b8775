import Foundation
import SMTPDoctorCore

/// One side of the server in a log analysis (outbound, inbound, submission): its failures by category, recipient
/// domain, relay and hour and grouped by diagnosis, the messages it delivered or accepted, and the share of its
/// records that failed, failures / (failures + deliveries), as pflogsumm counts them: a message deferred three times
/// and then delivered is four records, three of them failures. A log only partly read, or a format that records no
/// deliveries (bounce messages), gives no deliveries and so no rate.
struct AnalysisSection {
    /// The side.
    let side: TrafficSide
    /// Its failure (or refusal) records.
    let failures: Int
    /// Its messages delivered (outbound) or accepted (inbound, submission).
    let delivered: Int
    /// Its failures by category, status, recipient domain, relay and hour.
    let counts: SideCounts
    /// Its groups, largest first.
    let groups: [FailureGroup]

    /// The sides that have a failure or a delivery, in `TrafficSide` order.
    static func all(_ analysis: LogAnalysis) -> [AnalysisSection] {
        TrafficSide.allCases.compactMap { side in
            let failures = analysis.summary.sides[side] ?? 0
            let delivered = analysis.statistics.delivered[side] ?? 0
            guard failures + delivered > 0 else { return nil }
            return AnalysisSection(
                side: side, failures: failures, delivered: delivered,
                counts: analysis.summary.counts[side] ?? SideCounts(),
                groups: analysis.summary.rankedGroups(on: side))
        }
    }

    /// Its failures by status.
    var statuses: [FailureStatus: Int] { counts.statuses }

    /// Percent of the side's records that are failures, one decimal; nil when the inputs recorded no delivery on it.
    var failureRate: Double? { share(failures) }

    /// Percent of the side's records in `group`, one decimal; nil without deliveries.
    func share(of group: FailureGroup) -> Double? { share(group.count) }

    private func share(_ count: Int) -> Double? {
        delivered > 0 ? (1000 * Double(count) / Double(failures + delivered)).rounded() / 10 : nil
    }

    /// The heading of the side's section.
    var heading: String {
        switch side {
        case .outbound: "Outbound: our mail refused or deferred by other servers"
        case .inbound: "Inbound: clients our server refused"
        case .submission: "Submission: our own users refused when logging in or sending"
        }
    }

    /// `failed` for outbound mail, `refused` for the mail our server refused.
    var failedWord: String { side == .outbound ? "failed" : "refused" }

    /// `delivered` for outbound mail, `accepted` for the mail our server received.
    var deliveredWord: String { side == .outbound ? "delivered" : "accepted" }

    /// `failure` or `refusal`, in the plural for any count but one.
    func failureNoun(_ count: Int) -> String {
        let noun = side == .outbound ? "failure" : "refusal"
        return count == 1 ? noun : noun + "s"
    }

    /// `outbound 2 failed (bounced 1, deferred 1), 10 delivered (16.7 % of 12 records failed)`.
    var text: String {
        let statuses = FailureStatus.allCases.compactMap { status in
            self.statuses[status].map { "\(status.rawValue) \(AnalysisTextRenderer.number($0))" }
        }
        let breakdown = side == .outbound && !statuses.isEmpty ? " (\(statuses.joined(separator: ", ")))" : ""
        let rate =
            failureRate.map {
                String(
                    format: " (%.1f %% of %@ records %@)", $0, AnalysisTextRenderer.number(failures + delivered),
                    failedWord)
            } ?? ""
        let number = AnalysisTextRenderer.number
        return
            "\(side.rawValue) \(number(failures)) \(failedWord)\(breakdown), \(number(delivered)) \(deliveredWord)\(rate)"
    }

    /// `2 failures, 16.7 % of outbound records` for a group of this side.
    func countText(_ group: FailureGroup) -> String {
        let share = share(of: group).map { String(format: ", %.1f %% of %@ records", $0, side.rawValue) } ?? ""
        return "\(AnalysisTextRenderer.number(group.count)) \(failureNoun(group.count))\(share)"
    }
}

extension AnalysisSection {
    /// `outbound failures`, `inbound refusals`: what the shares of this side's tables are shares of.
    var tableWhole: String { "\(side.rawValue) \(failureNoun(2))" }

    /// Its categories, most frequent first (ties by name).
    var categoryRows: [(String, Int)] {
        counts.categories.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    /// The `top` most frequent keys of a counter, and `(other)` for the keys it could not keep.
    static func rows(_ counter: BoundedCounter, top: Int) -> [(String, Int)] {
        var rows = counter.top(top).map { ($0.key, $0.count) }
        if counter.other > 0 { rows.append(("(other)", counter.other)) }
        return rows
    }

    /// Percent of this side's failures, one decimal, as table cells show it: `25.0%`.
    func tableShare(_ count: Int) -> String {
        String(format: "%.1f%%", Double(count) * 100 / Double(max(failures, 1)))
    }
}
