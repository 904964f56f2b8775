import Foundation
import SMTPDoctorCore

/// The failures and deliveries of one side of the server (outbound, inbound, submission) and the share of its
/// messages that failed: failures / (failures + deliveries). A log only partly read, or a format that records no
/// deliveries (bounce messages), gives no deliveries and so no rate.
struct AnalysisSideRate: Encodable {
    let side: String
    let failures: Int
    let delivered: Int
    /// Percent, one decimal; nil when the inputs recorded no delivery on this side.
    let failureRate: Double?

    /// The sides that have a failure or a delivery, in `TrafficSide` order.
    static func all(_ analysis: LogAnalysis) -> [AnalysisSideRate] {
        TrafficSide.allCases.compactMap { side in
            let failures = analysis.summary.sides[side] ?? 0
            let delivered = analysis.statistics.delivered[side] ?? 0
            guard failures + delivered > 0 else { return nil }
            let rate = delivered > 0 ? (1000 * Double(failures) / Double(failures + delivered)).rounded() / 10 : nil
            return AnalysisSideRate(side: side.rawValue, failures: failures, delivered: delivered, failureRate: rate)
        }
    }

    /// `outbound 2 failed, 10 delivered (16.7 % failed)`.
    var text: String {
        let failedWord = side == TrafficSide.outbound.rawValue ? "failed" : "refused"
        let deliveredWord = side == TrafficSide.outbound.rawValue ? "delivered" : "accepted"
        let rate = failureRate.map { String(format: " (%.1f %% %@)", $0, failedWord) } ?? ""
        return "\(side) \(failures) \(failedWord), \(delivered) \(deliveredWord)\(rate)"
    }
}
