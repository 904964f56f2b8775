import SMTPDoctorCore
import SMTPDoctorProbes

/// The live probes the interview offers when the person names a server, and the sign-in test it offers after them.
///
/// Without a port the probes sweep 587, 465 and 25 at once. They never authenticate; only the sign-in test does,
/// with an account the person types and a password read without echo, on the one port whose probe showed that
/// credentials can go there safely (``ProbeReport/acceptsCredentialsSafely``).
struct LiveInterviewProbe {
    /// The certificate authorities trusted: the system's, and those of `--ca-file`.
    let trust: TrustRoots

    /// Probes the server without credentials.
    /// - Returns: the report to act on (of the port that worked, else of the one that got furthest).
    func probe(_ server: HostPort) async -> ProbeReport? {
        let configuration = ProbeConfiguration(host: server.host, port: server.port ?? 587, trust: trust)
        let reports =
            server.port == nil ? await PortSweep(configuration).run() : [await SMTPProbe(configuration).run()]
        return PortSweep.best(of: reports)
    }

    /// Probes the port of an earlier report again, the same way, this time signing in.
    func signIn(where earlier: ProbeReport, as credentials: Credentials) async -> ProbeReport {
        let configuration = ProbeConfiguration(
            host: earlier.host, port: earlier.port, tlsMode: earlier.requestedMode, credentials: credentials,
            trust: trust)
        return await SMTPProbe(configuration).run()
    }
}
