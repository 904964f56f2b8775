import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorProbes
import SMTPDoctorReports
import SMTPTestServer
import Testing

/// Runs probes against scripted test servers and the real inference engine over the built-in knowledge base.
enum ProbeHarness {
    /// The built-in knowledge base, which the program itself uses.
    static let knowledgeBase: Result<KnowledgeBase, InvalidKnowledgeBase> = Result {
        () throws(InvalidKnowledgeBase) in try KnowledgeBase.load([.builtIn])
    }

    static let ca: TestCertificateAuthority? = try? TestCertificates.authority()

    /// A certificate for localhost and 127.0.0.1 signed by the test CA.
    static func goodIdentity() throws -> ServerIdentity {
        try TestCertificates.server(signedBy: try #require(ca))
    }

    /// Trust only the test CA.
    static var trust: TrustRoots { .pem(ca?.certificatePEM ?? "") }

    static func configuration(port: Int, tls: TLSMode = .auto, password: String? = nil, user: String = "user")
        -> ProbeConfiguration
    {
        ProbeConfiguration(
            host: "127.0.0.1", port: port, tlsMode: tls,
            credentials: password.map { Credentials(username: user, secret: Secret($0)) },
            timeouts: generous, trust: trust)
    }

    /// Step timeouts that a loaded machine does not trip, for every scenario whose subject is not a timeout.
    /// The first-greeting window is as long as the greeting timeout: only a port that never greets in plaintext
    /// leads to the implicit-TLS attempt.
    /// The overall deadline runs on the real clock from the probe's start, and a test process whose threads are all
    /// busy can hold a probe back for minutes between its steps, so it is far above the sum of the steps.
    static let generous = ProbeTimeouts.uniform(.seconds(60), overall: .seconds(600), firstGreeting: .seconds(60))

    /// The limit of every test whose probe runs on a manual clock. A regression that makes the probe wait longer than
    /// the test moves the clock would wait forever; past this limit, as far beyond what a loaded machine needs as the
    /// generous deadline, the test fails instead.
    static let manualClockLimit = TimeLimitTrait.timeLimit(.minutes(10))

    /// The timeout of the step under test in the scenarios on a manual clock: shorter than any other wait of the
    /// probe (the QUIT reply's is 2 s at most), so that it alone runs out when the clock moves by it.
    static let subjectTimeout = Duration.seconds(1)

    /// Starts a server with `script`, probes it, stops it, and diagnoses the probe's observation.
    static func run(
        _ script: SMTPTestServerScript, _ configure: (inout ProbeConfiguration) -> Void = { _ in }
    ) async throws -> Outcome {
        let (report, received) = try await withSMTPTestServer(script) { server in
            var configuration = configuration(port: server.port)
            configure(&configuration)
            return (await SMTPProbe(configuration).run(), server.received)
        }
        return try diagnose(report, received: received)
    }

    /// Runs a timeout scenario on a manual clock, so that it takes no time: the probe's timeouts run out only when
    /// the clock moves, and it moves once, by ``subjectTimeout``, when the probe waits for something that runs out
    /// within it — after the steps for which `ready` holds, when another wait has the same timeout before it.
    /// `configure` gives the step under test ``subjectTimeout``; every other step keeps the generous timeouts.
    static func runTimingOut(
        _ script: SMTPTestServerScript, after ready: @escaping @Sendable ([ProbeStep]) -> Bool = { _ in true },
        _ configure: (inout ProbeConfiguration) -> Void
    ) async throws -> Outcome {
        let clock = ManualClock()
        let outcome = try await run(script, on: clock, configure) { progress in
            await progress.waitForSteps(where: ready)
            await progress.advance(by: subjectTimeout)
        }
        #expect(clock.now.offset == subjectTimeout, "the step under test timed out on the manual clock")
        return outcome
    }

    /// Runs a probe on `clock` while `drive` moves the clock, and stops `drive` when the probe ends first.
    static func run(
        _ script: SMTPTestServerScript, on clock: ManualClock, _ configure: (inout ProbeConfiguration) -> Void,
        drive: @escaping @Sendable (ProbeProgress) async -> Void
    ) async throws -> Outcome {
        let (report, received) = try await withSMTPTestServer(script) { server in
            var configuration = configuration(port: server.port)
            configure(&configuration)
            let probe = SMTPProbe(configuration, clock: clock)
            let progress = ProbeProgress(clock: clock, server: server)
            let report = await withTaskGroup(of: ProbeReport?.self) { group in
                group.addTask {
                    defer { progress.finish() }
                    return await probe.run(onStep: progress.completed, onReceive: progress.received)
                }
                group.addTask {
                    await drive(progress)
                    return nil
                }
                var report: ProbeReport?
                for await result in group where result != nil {
                    report = result
                    group.cancelAll()
                }
                return report
            }
            return (report, server.received)
        }
        return try diagnose(try #require(report), received: received)
    }

    static func diagnose(_ report: ProbeReport, received: [SMTPTestServer.Received] = []) throws -> Outcome {
        let knowledgeBase = try knowledgeBase.get()
        let engine = InferenceEngine(knowledgeBase: knowledgeBase)
        let result = engine.diagnose(Evidence(observations: [report.observation()]))
        return Outcome(
            report: report, probe: ProbeExplanation(report: report, engine: engine), result: result, received: received)
    }

    struct Outcome {
        var report: ProbeReport
        /// What the rules made of the run.
        var probe: ProbeExplanation
        var result: DiagnosisResult
        var received: [SMTPTestServer.Received]

        var verdict: ProbeVerdict { probe.verdict }
        var reason: String { probe.reason }
        var firstDiagnosis: String? { result.diagnoses.first?.definition.id }

        /// What to print when an expectation fails.
        var explanation: String {
            let diagnoses = result.diagnoses.prefix(4).map {
                "\($0.definition.id) \(String(format: "%.2f", $0.confidence))"
            }
            let facts = report.observation().facts.map { "\($0.name)=\($0.value)" }
            return "verdict \(verdict.rawValue); diagnoses \(diagnoses); reason: \(reason)\nfacts: \(facts)\n"
                + ProbeTextRenderer().render([ProbeOutcome(report: report, explanation: probe)])
        }
    }
}
