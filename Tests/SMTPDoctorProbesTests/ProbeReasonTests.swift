import SMTPDoctorCore
import SMTPDoctorProbes
import Testing

/// The sentence beside a probe's verdict comes from `Rules/rules/probe-reasons.yaml`, with the observed values put
/// in: one case per way a probe ends, on reports built by hand.
@Suite struct ProbeReasonTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var build: @Sendable (inout ProbeReport) -> Void
        var verdict: ProbeVerdict
        var reason: String
        var testDescription: String { name }
    }

    private static func connected(_ report: inout ProbeReport) {
        report.addresses = ["192.0.2.7:587"]
        report.connectedAddress = "192.0.2.7:587"
        report.session.greeting = SMTPReply(code: 220, lines: ["mail.example.com ESMTP"])
    }

    static let cases: [Case] = [
        Case(
            name: "host not found", build: { $0.resolveFailure = .hostNotFound }, verdict: .connectionFailed,
            reason: "The name mail.example.com does not resolve to any address."),
        Case(
            name: "connection refused",
            build: {
                $0.addresses = ["192.0.2.7:587"]
                $0.connectFailure = .refused
                $0.connectError = "connection refused"
            }, verdict: .connectionFailed, reason: "No TCP connection to mail.example.com:587: connection refused."),
        Case(
            name: "plaintext answered the TLS hello",
            build: {
                connected(&$0)
                $0.modeMismatch = .plaintextAnsweredTLS
                $0.session.stop = .tlsFailed(.modeMismatch)
            }, verdict: .tlsError,
            reason:
                "Port 587 answered the TLS hello with a plaintext SMTP greeting: it expects STARTTLS (or no TLS), not implicit TLS."
        ),
        Case(
            name: "the TLS library names a plaintext reply",
            build: {
                connected(&$0)
                $0.mode = .implicit
                $0.tlsHandshakeError = "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: WRONG_VERSION_NUMBER]))"
                $0.session.stop = .tlsFailed(.handshakeFailed)
            }, verdict: .tlsError,
            reason:
                "Port 587 answered the TLS hello with a plaintext SMTP greeting: it expects STARTTLS (or no TLS), not implicit TLS."
        ),
        Case(
            name: "untrusted chain",
            build: {
                connected(&$0)
                $0.session.stop = .tlsFailed(.untrusted)
            }, verdict: .tlsError, reason: "The server's certificate chain is not trusted."),
        Case(
            name: "name mismatch",
            build: {
                connected(&$0)
                $0.session.stop = .tlsFailed(.nameMismatch)
            }, verdict: .tlsError, reason: "The server's certificate is not issued for mail.example.com."),
        Case(
            name: "greeting timeout",
            build: {
                $0.addresses = ["192.0.2.7:587"]
                $0.connectedAddress = "192.0.2.7:587"
                $0.session.stop = .timeout(.greeting)
            }, verdict: .timeout, reason: "No answer to the greeting step in time."),
        Case(
            name: "AUTH refused",
            build: {
                connected(&$0)
                $0.credentialsGiven = true
                $0.session.tlsActive = true
                $0.session.authOutcome = .rejected
                let reply = SMTPReply(code: 535, lines: ["5.7.8 Authentication credentials invalid"])
                $0.session.authReply = reply
                $0.session.stop = .rejected(.auth, reply)
            }, verdict: .authenticationFailed,
            reason: "The server refused auth: 535 5.7.8 Authentication credentials invalid"),
        Case(
            name: "relay denied",
            build: {
                connected(&$0)
                $0.envelopeGiven = true
                $0.session.mailReply = SMTPReply(code: 250, lines: ["2.1.0 Ok"])
                let reply = SMTPReply(code: 554, lines: ["5.7.1 <b@example.net>: Relay access denied"])
                $0.session.rcptReply = reply
                $0.session.stop = .rejected(.rcptTo, reply)
            }, verdict: .relayDenied,
            reason: "The server refused rcpt-to: 554 5.7.1 <b@example.net>: Relay access denied"),
        Case(
            name: "success over TLS",
            build: {
                connected(&$0)
                $0.tlsVersion = "TLSv1.3"
                $0.session.tlsActive = true
            }, verdict: .success, reason: "The server accepted the session over TLSv1.3."),
        Case(
            name: "success over implicit TLS after no plaintext greeting",
            build: {
                connected(&$0)
                $0.mode = .implicit
                $0.implicitFallback = true
                $0.tlsVersion = "TLSv1.3"
                $0.session.tlsActive = true
                $0.envelopeGiven = true
                $0.session.mailReply = SMTPReply(code: 250, lines: ["2.1.0 Ok"])
                $0.session.rcptReply = SMTPReply(code: 250, lines: ["2.1.5 Ok"])
            }, verdict: .success,
            reason:
                "The port sent no plaintext greeting, so the probe used implicit TLS (--tls implicit). The server accepted the session over TLSv1.3 and the envelope."
        ),
    ]

    @Test(arguments: cases)
    func reasonComesFromTheRules(_ example: Case) throws {
        var report = ProbeReport(host: "mail.example.com", port: 587, requestedMode: .auto, mode: .auto)
        example.build(&report)
        let engine = InferenceEngine(knowledgeBase: try ProbeHarness.knowledgeBase.get())
        let explanation = ProbeExplanation(report: report, engine: engine)
        #expect(explanation.verdict == example.verdict)
        #expect(explanation.reason == example.reason)
    }

    /// Every way a probe can stop has a sentence: no failed run is left without a reason.
    @Test func everyStopHasAReason() throws {
        let engine = InferenceEngine(knowledgeBase: try ProbeHarness.knowledgeBase.get())
        let reply = SMTPReply(code: 550, lines: ["5.0.0 no"])
        let stops: [SessionStop] =
            [
                .rejected(.mailFrom, reply), .startTLSNotOffered, .authNotOffered, .mechanismNotOffered,
                .plaintextAuthRefused, .timeout(.ehlo), .closed(.data), .protocolError(.ehlo, .malformed("x")),
                .protocolError(.ehlo, .lineTooLong(limit: 1000)), .protocolError(.ehlo, .tooManyLines(limit: 100)),
            ] + TLSProblem.allCases.map { SessionStop.tlsFailed($0) }
        for stop in stops {
            var report = ProbeReport(host: "mail.example.com", port: 587, requestedMode: .auto, mode: .auto)
            Self.connected(&report)
            report.credentialsGiven = true
            report.tlsHandshakeError = "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: HANDSHAKE_FAILURE]))"
            report.session.capabilitiesBeforeTLS = EHLOCapabilities(
                SMTPReply(code: 250, lines: ["mail.example.com", "AUTH XOAUTH2"]))
            report.session.stop = stop
            let reason = ProbeExplanation(report: report, engine: engine).reason
            #expect(!reason.isEmpty && !reason.contains("unknown"), "\(stop): \(reason)")
        }
    }
}
