import SMTPDoctorCore
import SMTPDoctorProbes
import SMTPDoctorReports

/// `probe` for the page and the API: one server tested, its verdict explained by the knowledge base.
struct ProbeOperation: Sendable {
    let knowledgeBase: KnowledgeBase
    let settings: ServeSettings

    /// The probe's report, the causes of a failure, and the support report the downloads are rendered from.
    struct Outcome: Sendable {
        var probe: ProbeOutcome
        var result: DiagnosisResult
        var report: SupportReport
    }

    /// Checks the request and the target, asks `admit` whether the client may probe now, runs the probe and
    /// explains its verdict.
    ///
    /// A refused request does not count against the client's allowance: only probes that are started do.
    ///
    /// - Throws: ``ServeFailure`` when the request is invalid, the target is an internal address that this
    ///   listener may not reach, or `admit` refuses.
    func run(_ request: ProbeRequest, admit: () async throws(ServeFailure) -> Void) async throws(ServeFailure)
        -> Outcome
    {
        await run(try await prepare(request, admit: admit))
    }

    /// Checks the request and the target and asks `admit`, as `run` does; returns the probe to run.
    ///
    /// On a listener that restricts targets, the probe is pinned to the addresses checked here, so that a name
    /// whose answer changes between the check and the connection (DNS rebinding) cannot reach an internal address.
    ///
    /// - Throws: ``ServeFailure`` when the request is invalid, the target is refused, or `admit` refuses.
    func prepare(_ request: ProbeRequest, admit: () async throws(ServeFailure) -> Void) async throws(ServeFailure)
        -> ProbeConfiguration
    {
        var configuration = try request.configuration(
            stepTimeout: settings.probeStepTimeout, deadline: settings.probeDeadline)
        if settings.restrictsTargets {
            configuration.pinnedAddresses = try await checkTarget(configuration.host).map(IPAddressText)
        }
        try await admit()
        return configuration
    }

    /// Runs a prepared probe, calling `onStep` with each step as it completes, and explains its verdict.
    func run(_ configuration: ProbeConfiguration, onStep: (@Sendable (ProbeStep) -> Void)? = nil) async -> Outcome {
        let report = await SMTPProbe(configuration).run(onStep: onStep)
        let engine = InferenceEngine(knowledgeBase: knowledgeBase)
        let result =
            report.verdict == .success
            ? engine.diagnose(Evidence()) : engine.diagnose(Evidence(observations: [report.observation()]))
        let outcome = ProbeOutcome(
            report: report, explanation: ProbeExplanation(report: report, engine: engine), result: result)
        let authentication =
            configuration.credentials.map { "\($0.username) with \($0.mechanism?.rawValue ?? "PLAIN or LOGIN")" }
            ?? "none"
        let supportReport = SupportReport(
            environment: .current(toolVersion: settings.toolVersion, knowledgeBase: knowledgeBase),
            connection: SupportReport.Connection(
                host: configuration.host, port: String(configuration.port),
                tlsMode: configuration.tlsMode.rawValue, authentication: authentication),
            result: result, probes: [outcome])
        return Outcome(probe: outcome, result: result, report: supportReport)
    }

    /// The command line's JSON document of the probe.
    ///
    /// - Throws: ``ServeFailure`` when the result cannot be encoded (a non-finite number).
    func json(_ outcome: Outcome) throws(ServeFailure) -> String {
        do {
            return try ProbeJSONRenderer(toolVersion: settings.toolVersion).render(
                [outcome.probe], exitCode: settings.probeExitCode(outcome.probe.verdict))
        } catch {
            throw ServeFailure(.internalServerError, "The probe's result could not be written as JSON.")
        }
    }

    /// Refuses a host any of whose addresses is loopback, link-local or private; returns its addresses.
    private func checkTarget(_ host: String) async throws(ServeFailure) -> [[UInt8]] {
        let addresses = await TargetResolver.addresses(of: host)
        guard !addresses.isEmpty else {
            throw ServeFailure(.badRequest, "The server name does not resolve; check its spelling.")
        }
        if addresses.contains(where: TargetAddressPolicy.isInternal) {
            throw ServeFailure(
                .forbidden,
                "This page is reachable from other machines, so it does not probe loopback, link-local or private "
                    + "addresses; start it with --allow-private-targets to allow them.")
        }
        return addresses
    }
}
