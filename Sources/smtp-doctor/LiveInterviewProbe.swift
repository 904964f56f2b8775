import SMTPDoctorCore
import SMTPDoctorProbes

/// The live probes, offered by the interview when the person names a server.
///
/// Without a port it sweeps 587, 465 and 25 at once; it never authenticates, since the interview asks no password.
struct LiveInterviewProbe: InterviewProbe {
    func probe(_ server: HostPort) async -> Observation {
        let configuration = ProbeConfiguration(host: server.host, port: server.port ?? 587)
        let reports =
            server.port == nil ? await PortSweep(configuration).run() : [await SMTPProbe(configuration).run()]
        return PortSweep.best(of: reports)?.observation() ?? Observation(facts: [])
    }
}
