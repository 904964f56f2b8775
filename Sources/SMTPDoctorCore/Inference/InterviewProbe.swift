/// A live check of a server that the interview can offer when the person gives a host and port.
///
/// Core does no networking, so the interview only knows this seam: the command-line program passes the live probes
/// (`SMTPDoctorProbes`), and a test or a caller without a network passes nothing, in which case the interview never
/// offers a probe. A probe is cheaper than a question: what it observes needs no one to go and look.
public protocol InterviewProbe: Sendable {
    /// Probes the server and returns what it observed, as facts whose source is `.probe`.
    ///
    /// - Parameter server: the host and port the person gave.
    /// - Returns: the observation; an empty one when the probe could not run.
    func probe(_ server: HostPort) async -> Observation
}
