import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorProbes
import Testing

/// The connection details written by `scripts/mail-servers/setup.sh`.
struct MailServerEnvironment {
    var host: String
    var plainPort: Int
    var submissionPort: Int
    var smtpsPort: Int
    var user: String
    var password: String
    var caPEM: String

    static let path =
        ProcessInfo.processInfo.environment["SMTP_DOCTOR_MAIL_ENV"]
        ?? "/tmp/smtp-doctor-mail-servers/connection.env"

    /// The environment when Postfix answers; nil (after a loud note) when it does not. With CI=true a missing
    /// server is a failure, not a skip.
    static func require(sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> MailServerEnvironment? {
        let values =
            (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").reduce(
                into: [String: String]()
            ) {
                let parts = $1.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { $0[parts[0]] = parts[1] }
            } ?? [:]
        var environment: MailServerEnvironment?
        if let host = values["SMTP_TEST_HOST"], let plain = values["SMTP_TEST_PORT_PLAIN"].flatMap(Int.init),
            let submission = values["SMTP_TEST_PORT_SUBMISSION"].flatMap(Int.init),
            let smtps = values["SMTP_TEST_PORT_SMTPS"].flatMap(Int.init), let user = values["SMTP_TEST_USER"],
            let password = values["SMTP_TEST_PASSWORD"], let ca = values["SMTP_TEST_CA_FILE"],
            let pem = try? String(contentsOfFile: ca, encoding: .utf8)
        {
            environment = MailServerEnvironment(
                host: host, plainPort: plain, submissionPort: submission, smtpsPort: smtps, user: user,
                password: password,
                caPEM: pem)
        }
        var answer = "no connection settings"
        if let candidate = environment {
            var configuration = ProbeConfiguration(host: candidate.host, port: candidate.plainPort, tlsMode: .none)
            // Generous: on a loaded machine the test process may not read the greeting for many seconds.
            configuration.timeouts = .uniform(.seconds(60), overall: .seconds(120), firstGreeting: .seconds(60))
            configuration.checkModeMismatch = false
            let report = await SMTPProbe(configuration).run()
            if report.verdict == .success { return candidate }
            answer = report.steps.map { "\($0.kind.rawValue) \($0.outcome.rawValue): \($0.detail)" }.joined(
                separator: "; ")
        }
        let message =
            "Postfix/Dovecot do not answer on loopback (\(path): \(answer)); run `bash scripts/mail-servers/setup.sh`"
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(message) — required when CI=true", sourceLocation: sourceLocation)
        } else {
            print("⚠️⚠️⚠️  SKIPPED Postfix integration test: \(message)")
        }
        return nil
    }

    /// A probe of one port. Every step may take a minute, so that a loaded machine never cuts a step short; a test
    /// about a port that never greets in plain text shortens the wait it expects to run out.
    func configuration(port: Int, tls: TLSMode, password: String? = nil) -> ProbeConfiguration {
        ProbeConfiguration(
            host: host, port: port, tlsMode: tls,
            credentials: password.map { Credentials(username: user, secret: Secret($0)) },
            timeouts: .uniform(.seconds(60), overall: .seconds(180), firstGreeting: .seconds(60)),
            trust: .pem(caPEM))
    }
}

/// Against a real Postfix with Dovecot SASL on loopback: the verdict and the first diagnosis of each situation.
@Suite(.serialized) struct PostfixIntegrationTests {
    static let knowledgeBase: KnowledgeBase? = try? KnowledgeBase.load([.builtIn])

    private func outcome(_ report: ProbeReport) throws -> ProbeOutcome {
        let knowledgeBase = try #require(
            Self.knowledgeBase, "the built-in knowledge base does not load: run smtp-doctor rules lint")
        let engine = InferenceEngine(knowledgeBase: knowledgeBase)
        let result = engine.diagnose(Evidence(observations: [report.observation()]))
        return ProbeOutcome(
            report: report, explanation: ProbeExplanation(report: report, engine: engine), result: result)
    }

    private func firstDiagnosis(_ report: ProbeReport) throws -> String? {
        try outcome(report).diagnoses.first?.definition.id
    }

    @Test func submissionWithTheRightPasswordSucceeds() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        let report = await SMTPProbe(
            environment.configuration(port: environment.submissionPort, tls: .starttls, password: environment.password)
        ).run()
        #expect(report.verdict == .success, "\(report.steps.map(\.detail))")
        #expect(try firstDiagnosis(report) == nil)
    }

    @Test func implicitTLSWithTheRightPasswordSucceeds() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        let report = await SMTPProbe(
            environment.configuration(port: environment.smtpsPort, tls: .implicit, password: environment.password)
        ).run()
        #expect(report.verdict == .success, "\(report.steps.map(\.detail))")
    }

    @Test func wrongPasswordIsAuthenticationFailed() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        let report = await SMTPProbe(
            environment.configuration(port: environment.submissionPort, tls: .starttls, password: "not-the-password")
        ).run()
        #expect(report.verdict == .authenticationFailed, "\(report.steps.map(\.detail))")
        #expect(try firstDiagnosis(report) == "auth.bad-credentials")
    }

    @Test func relayWithoutAuthIsDenied() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        var configuration = environment.configuration(port: environment.plainPort, tls: .starttls)
        configuration.envelope = Envelope(from: "app@smtp-doctor.test", to: "someone@example.org")
        let report = await SMTPProbe(configuration).run()
        #expect(try outcome(report).verdict == .relayDenied, "\(report.steps.map(\.detail))")
        let first = try firstDiagnosis(report)
        #expect(first == "relay.postfix-relay-access-denied" || first == "relay.probe-relay-needs-authentication")
    }

    @Test func implicitTLSAgainstTheStartTLSPortIsAModeMismatch() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        let report = await SMTPProbe(environment.configuration(port: environment.submissionPort, tls: .implicit)).run()
        #expect(report.verdict == .tlsError, "\(report.steps.map(\.detail))")
        #expect(try firstDiagnosis(report) == "tls.probe-port-mode-mismatch")
    }

    @Test func startTLSAgainstTheImplicitPortIsAModeMismatch() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        var configuration = environment.configuration(port: environment.smtpsPort, tls: .starttls)
        configuration.timeouts.greeting = .seconds(10)  // the port never greets in plain text: this wait runs out
        let report = await SMTPProbe(configuration).run()
        #expect(report.verdict == .tlsError, "\(report.steps.map(\.detail))")
        #expect(try firstDiagnosis(report) == "tls.probe-port-mode-mismatch")
    }

    @Test func autoOnTheImplicitTLSPortGoesOnWithImplicitTLS() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        var configuration = environment.configuration(
            port: environment.smtpsPort, tls: .auto, password: environment.password)
        configuration.timeouts.firstGreeting = .seconds(3)  // the product's window before trying implicit TLS
        let report = await SMTPProbe(configuration).run()
        #expect(report.verdict == .success, "\(report.steps.map(\.detail))")
        #expect(report.implicitFallback)
        #expect(report.mode == .implicit)
        #expect(report.session.authOutcome == .accepted)
    }

    @Test func relayTestRunsPastTheSelfSignedCertificate() async throws {
        guard let environment = await MailServerEnvironment.require() else { return }
        var configuration = environment.configuration(port: environment.plainPort, tls: .starttls)
        configuration.trust = .system
        configuration.envelope = Envelope(from: "app@smtp-doctor.test", to: "someone@example.org")
        let report = await SMTPProbe(configuration).run()
        #expect(report.certificate?.trusted == false, "the test server's certificate is not in the system store")
        #expect(report.wentOnPastCertificateProblem)
        #expect(report.session.rcptReply != nil, "\(report.steps.map(\.detail))")
        #expect(try outcome(report).verdict == .relayDenied, "\(report.steps.map(\.detail))")
    }
}
