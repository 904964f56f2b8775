import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorProbes
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

    /// Step timeouts for the timeout scenarios: well below their servers' delays, well above a loaded local step.
    static let short = ProbeTimeouts.uniform(.seconds(8), overall: .seconds(60), firstGreeting: .seconds(8))

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

    static func diagnose(_ report: ProbeReport, received: [SMTPTestServer.Received] = []) throws -> Outcome {
        let knowledgeBase = try knowledgeBase.get()
        let result = InferenceEngine(knowledgeBase: knowledgeBase).diagnose(
            Evidence(observations: [report.observation()]))
        return Outcome(report: report, result: result, received: received)
    }

    struct Outcome {
        var report: ProbeReport
        var result: DiagnosisResult
        var received: [SMTPTestServer.Received]

        var verdict: ProbeVerdict { report.verdict.refined(by: result.facts) }
        var firstDiagnosis: String? { result.diagnoses.first?.definition.id }

        /// What to print when an expectation fails.
        var explanation: String {
            let diagnoses = result.diagnoses.prefix(4).map {
                "\($0.definition.id) \(String(format: "%.2f", $0.confidence))"
            }
            let facts = report.observation().facts.map { "\($0.name)=\($0.value)" }
            return "verdict \(verdict.rawValue); diagnoses \(diagnoses); reason: \(report.reason)\nfacts: \(facts)\n"
                + ProbeRenderer.text([ProbeOutcome(report: report)])
        }
    }
}
