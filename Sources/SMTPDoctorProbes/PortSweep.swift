/// Probes the three SMTP ports at once, each with its proper TLS mode, and says which configuration works.
///
/// The probes run concurrently in a task group, so the sweep takes about as long as the slowest probe.
public struct PortSweep: Sendable {
    /// The ports and the TLS mode each one is probed with, in order of preference for client submission.
    public static let plan: [(port: Int, mode: TLSMode)] = [(587, .starttls), (465, .implicit), (25, .auto)]

    public let base: ProbeConfiguration
    /// The ports and modes this sweep probes.
    public let ports: [(port: Int, mode: TLSMode)]
    /// The clock the probes' timeouts run on.
    public let clock: any Clock<Duration>

    /// Creates a sweep; the port and TLS mode of `base` are replaced per port.
    public init(
        _ base: ProbeConfiguration, ports: [(port: Int, mode: TLSMode)] = PortSweep.plan,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.base = base
        self.ports = ports
        self.clock = clock
    }

    /// Runs the probes concurrently.
    /// - Returns: the reports in the order of ``ports``.
    public func run() async -> [ProbeReport] {
        let clock = self.clock
        return await withTaskGroup(of: (Int, ProbeReport).self) { group in
            for (index, entry) in ports.enumerated() {
                var configuration = base
                configuration.port = entry.port
                configuration.tlsMode = base.tlsMode == .auto ? entry.mode : base.tlsMode
                group.addTask { (index, await SMTPProbe(configuration, clock: clock).run()) }
            }
            var reports: [(Int, ProbeReport)] = []
            for await result in group { reports.append(result) }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The report to act on: the first that succeeded, else the one that got furthest.
    public static func best(of reports: [ProbeReport]) -> ProbeReport? {
        bestIndex(of: reports).map { reports[$0] }
    }

    /// The index of the report to act on (see ``best(of:)``).
    public static func bestIndex(of reports: [ProbeReport]) -> Int? {
        reports.firstIndex { $0.verdict == .success }
            ?? reports.indices.max {
                (reports[$0].verdict.progress, -$0) < (reports[$1].verdict.progress, -$1)
            }
    }
}
