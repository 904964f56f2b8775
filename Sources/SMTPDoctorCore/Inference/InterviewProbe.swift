/// A live check of a server that the interview can offer when the person gives a host and port.
///
/// The interview only knows this seam: the command-line program passes a prober when the build has one (the live
/// probes of issue 3), and nothing otherwise, in which case the interview never offers a probe. A probe is cheaper
/// than a question: what it observes needs no one to go and look.
public protocol InterviewProbe: Sendable {
    /// Probes the server and returns what it observed, as facts whose source is `.probe`.
    ///
    /// - Parameter server: the host and port the person gave.
    /// - Returns: the observation; an empty one when the probe could not run.
    func probe(_ server: HostPort) async -> Observation
}
