/// What a message read among bounces was, when it held no delivery failure: labelled so that a report can say what
/// it left out rather than count it as a failure.
public enum NonFailureMessage: String, Sendable, Hashable, CaseIterable, Codable {
    /// A vacation or out-of-office notice from a person's address (RFC 3834 `Auto-Submitted: auto-replied`).
    case autoReply = "auto-reply"
    /// An abuse or spam complaint of a feedback loop (ARF, RFC 5965 `message/feedback-report`).
    case feedbackReport = "feedback-report"
    /// A delivery status notification whose every recipient was delivered, relayed or found deliverable.
    case successReport = "success-report"
    /// A warning that delivery is delayed and still being tried (RFC 3464 `Action: delayed`, "this is a warning
    /// only"): its recipients are listed as delayed, not failed.
    case delayNotice = "delay-notice"
    /// Any other message: no report of a failure was found in it.
    case other

    /// `2 automatic replies`, `1 feedback report`.
    public func counted(_ count: Int) -> String {
        let (one, many) =
            switch self {
            case .autoReply: ("automatic reply", "automatic replies")
            case .feedbackReport: ("feedback report", "feedback reports")
            case .successReport: ("success notice", "success notices")
            case .delayNotice: ("delay notice", "delay notices")
            case .other: ("other message", "other messages")
            }
        return "\(count) \(count == 1 ? one : many)"
    }
}
