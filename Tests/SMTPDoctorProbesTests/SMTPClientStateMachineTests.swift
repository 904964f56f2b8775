import SMTPDoctorProbes
import Testing

@Suite struct SMTPClientStateMachineTests {
    private func reply(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines) }

    @Test func loginAnswersBothChallengesThenQuits() {
        let credentials = Credentials(username: "user", secret: Secret("pw"), mechanism: .login)
        var machine = SMTPClientStateMachine(plan: .init(tlsMode: .implicit, credentials: credentials))
        #expect(machine.received(reply(220, "hi")) == .send(.ehlo("smtp-doctor.localhost"), step: .ehlo))
        #expect(
            machine.received(reply(250, "hi", "AUTH LOGIN")) == .send(.auth(.login, initialResponse: nil), step: .auth))
        guard case .send(.authResponse, .auth) = machine.received(reply(334, "VXNlcm5hbWU6")) else {
            Issue.record("expected the username")
            return
        }
        guard case .send(.authResponse, .auth) = machine.received(reply(334, "UGFzc3dvcmQ6")) else {
            Issue.record("expected the password")
            return
        }
        #expect(machine.received(reply(235, "2.7.0 ok")) == .finish)
        #expect(machine.record.authOutcome == .accepted)
    }

    @Test func starttlsRequiredButNotOfferedStops() {
        var machine = SMTPClientStateMachine(plan: .init(tlsMode: .starttls))
        _ = machine.received(reply(220, "hi"))
        #expect(machine.received(reply(250, "hi", "PIPELINING")) == .finish)
        #expect(machine.record.stop == .startTLSNotOffered)
    }

    @Test func opportunisticStartTLSThenEHLOAgain() {
        var machine = SMTPClientStateMachine(plan: .init(tlsMode: .auto))
        _ = machine.received(reply(220, "hi"))
        #expect(machine.received(reply(250, "hi", "STARTTLS")) == .send(.startTLS, step: .starttls))
        #expect(machine.received(reply(220, "go ahead")) == .startTLS)
        #expect(machine.tlsEstablished() == .send(.ehlo("smtp-doctor.localhost"), step: .ehloAfterTLS))
    }

    @Test func closingReplyEndsTheSessionWithoutQuit() {
        var machine = SMTPClientStateMachine(plan: .init(tlsMode: .none))
        _ = machine.received(reply(220, "hi"))
        #expect(machine.received(reply(421, "4.4.2 mx.example.org Error: timeout exceeded")) == .close)
        #expect(machine.record.stop == .rejected(.ehlo, reply(421, "4.4.2 mx.example.org Error: timeout exceeded")))
    }

    @Test func heloFallbackAfterEHLOIsRefused() {
        var machine = SMTPClientStateMachine(plan: .init(tlsMode: .none))
        _ = machine.received(reply(220, "hi"))
        #expect(machine.received(reply(502, "5.5.2 no")) == .send(.helo("smtp-doctor.localhost"), step: .helo))
        #expect(machine.received(reply(250, "hi")) == .finish)
        #expect(machine.record.usedHELO)
    }
}
