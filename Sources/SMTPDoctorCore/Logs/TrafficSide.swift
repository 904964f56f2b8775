/// Which way the mail of a failure was going, seen from the server whose log is read.
///
/// A mail administrator fixes different things for each: a remote server refusing our mail (outbound) is our
/// delivery problem; our server refusing a client (inbound) is usually our policy working as intended; our own
/// user failing to log in or to relay through the submission service (submission) is a client set-up problem.
public enum TrafficSide: String, Sendable, Hashable, CaseIterable, Codable {
    /// Mail this server sent, refused or deferred by another server, or a bounce that came back.
    case outbound
    /// A client this server refused while receiving mail on its MX service (port 25).
    case inbound
    /// One of our own users refused by the submission service (port 587 or 465), or a failed SMTP login.
    case submission

    /// The side of a failure with `status` when the log says nothing more: refusals while receiving are inbound,
    /// everything else is mail this server was sending.
    public init(status: FailureStatus) {
        self = status == .rejected ? .inbound : .outbound
    }
}
