import Foundation

/// Decides what the probe sends next from the reply it just read; no sockets, no clocks.
///
/// Why apart from the driver: every branch of the SMTP dialogue (HELO fallback, STARTTLS required or
/// opportunistic, the AUTH LOGIN challenges, the relay test) can be tested with replies alone.
///
/// The driver reads the greeting, calls ``received(_:)`` and carries out the ``Action`` it gets, until `.finish`
/// or `.close`. Network failures are reported with ``failed(_:)``.
public struct SMTPClientStateMachine: Sendable {
    /// What the session should do.
    public struct Plan: Sendable {
        /// `.auto` here means opportunistic STARTTLS; `.implicit` means TLS is already active.
        public var tlsMode: TLSMode
        public var heloName: String
        public var credentials: Credentials?
        public var allowPlaintextAuth: Bool
        public var envelope: Envelope?
        public var sendTestMessage: Bool

        /// Creates a plan.
        public init(
            tlsMode: TLSMode, heloName: String = "smtp-doctor.localhost", credentials: Credentials? = nil,
            allowPlaintextAuth: Bool = false, envelope: Envelope? = nil, sendTestMessage: Bool = false
        ) {
            self.tlsMode = tlsMode
            self.heloName = heloName
            self.credentials = credentials
            self.allowPlaintextAuth = allowPlaintextAuth
            self.envelope = envelope
            self.sendTestMessage = sendTestMessage
        }
    }

    /// What the driver does next.
    public enum Action: Sendable, Hashable {
        /// Send the command and read the reply to `step`.
        case send(SMTPCommand, step: ProbeStepKind)
        /// Start the TLS handshake, then call ``tlsEstablished()`` or ``failed(_:)``.
        case startTLS
        /// Say QUIT politely and close.
        case finish
        /// Close without QUIT (the connection is unusable).
        case close
    }

    public let plan: Plan
    /// What the server said so far.
    public private(set) var record = SessionRecord()
    /// The step whose reply is awaited.
    public private(set) var expecting: ProbeStepKind = .greeting
    private var loginChallenges = 0

    /// Creates a state machine; with implicit TLS the session is encrypted from the start.
    public init(plan: Plan) {
        self.plan = plan
        record.tlsActive = plan.tlsMode == .implicit
    }

    /// Takes the reply to the step in ``expecting``.
    public mutating func received(_ reply: SMTPReply) -> Action {
        switch expecting {
        case .greeting:
            record.greeting = reply
            guard reply.code == 220 else { return stop(.rejected(.greeting, reply), quit: true) }
            return send(.ehlo(plan.heloName), .ehlo)
        case .ehlo, .ehloAfterTLS:
            let afterTLS = expecting == .ehloAfterTLS
            if reply.code == 250 {
                record.ehloReply = reply
                if afterTLS {
                    record.capabilitiesAfterTLS = EHLOCapabilities(reply)
                } else {
                    record.capabilitiesBeforeTLS = EHLOCapabilities(reply)
                }
                return afterHello()
            }
            if !afterTLS, (500..<600).contains(reply.code) { return send(.helo(plan.heloName), .helo) }
            return stop(.rejected(expecting, reply), quit: true)
        case .helo:
            guard reply.code == 250 else { return stop(.rejected(.helo, reply), quit: true) }
            record.usedHELO = true
            record.capabilitiesBeforeTLS = EHLOCapabilities(
                SMTPReply(code: 250, lines: reply.lines.prefix(1).map { $0 }))
            return afterHello()
        case .starttls:
            record.startTLSReply = reply
            guard reply.code == 220 else { return stop(.rejected(.starttls, reply), quit: true) }
            expecting = .tls
            return .startTLS
        case .auth:
            return authReply(reply)
        case .mailFrom:
            record.mailReply = reply
            guard reply.code == 250 else { return stop(.rejected(.mailFrom, reply), quit: true) }
            return send(.rcptTo(plan.envelope?.to ?? ""), .rcptTo)
        case .rcptTo:
            record.rcptReply = reply
            guard reply.code == 250 || reply.code == 251 else { return stop(.rejected(.rcptTo, reply), quit: true) }
            return plan.sendTestMessage ? send(.data, .data) : send(.rset, .rset)
        case .data:
            record.dataReply = reply
            guard reply.code == 354 else { return stop(.rejected(.data, reply), quit: true) }
            return send(.message(testMessage()), .message)
        case .message:
            record.messageReply = reply
            guard reply.code == 250 else { return stop(.rejected(.message, reply), quit: true) }
            expecting = .quit
            return .finish
        case .rset:
            expecting = .quit
            return .finish
        case .quit, .resolve, .connect, .tls, .modeCheck:
            return .close
        }
    }

    /// The TLS handshake after STARTTLS succeeded (and the certificate was accepted): say EHLO again.
    public mutating func tlsEstablished() -> Action {
        record.tlsActive = true
        return send(.ehlo(plan.heloName), .ehloAfterTLS)
    }

    /// The session cannot go on: a timeout, a closed connection, garbage, a TLS failure.
    public mutating func failed(_ reason: SessionStop) -> Action {
        if record.stop == nil { record.stop = reason }
        return .close
    }

    // MARK: - Steps

    private mutating func send(_ command: SMTPCommand, _ step: ProbeStepKind) -> Action {
        expecting = step
        return .send(command, step: step)
    }

    /// Ends the session; with `quit`, politely, unless the reply was 421: the server is closing the connection
    /// itself, and a QUIT would only find it closed (RFC 5321, section 3.8).
    private mutating func stop(_ reason: SessionStop, quit: Bool) -> Action {
        if record.stop == nil { record.stop = reason }
        expecting = .quit
        if case .rejected(_, let reply) = reason, reply.code == 421 { return .close }
        return quit ? .finish : .close
    }

    /// After EHLO or HELO: STARTTLS if wanted, else AUTH, else the envelope, else QUIT.
    private mutating func afterHello() -> Action {
        let capabilities = record.currentCapabilities
        if !record.tlsActive {
            switch plan.tlsMode {
            case .starttls:
                guard capabilities?.startTLS == true else { return stop(.startTLSNotOffered, quit: true) }
                return send(.startTLS, .starttls)
            case .auto where capabilities?.startTLS == true:
                return send(.startTLS, .starttls)
            default:
                break
            }
        }
        return authenticate()
    }

    private mutating func authenticate() -> Action {
        guard let credentials = plan.credentials else { return envelope() }
        guard record.tlsActive || plan.allowPlaintextAuth else {
            record.authOutcome = .plaintextRefused
            return stop(.plaintextAuthRefused, quit: true)
        }
        let offered = record.currentCapabilities?.authMechanisms ?? []
        guard !offered.isEmpty else {
            record.authOutcome = .notOffered
            return stop(.authNotOffered, quit: true)
        }
        let mechanism: AuthMechanism
        if let chosen = credentials.mechanism {
            mechanism = chosen
            record.authMechanismOffered = offered.contains(chosen.rawValue)
        } else if let best = AuthMechanism.preferred.first(where: { offered.contains($0.rawValue) }) {
            mechanism = best
        } else {
            record.authOutcome = .mechanismNotOffered
            return stop(.mechanismNotOffered, quit: true)
        }
        record.authMechanism = mechanism
        switch mechanism {
        case .plain:
            return send(.auth(.plain, initialResponse: Self.plainResponse(credentials)), .auth)
        case .login:
            loginChallenges = 0
            return send(.auth(.login, initialResponse: nil), .auth)
        case .xoauth2:
            return send(.auth(.xoauth2, initialResponse: Self.xoauth2Response(credentials)), .auth)
        }
    }

    private mutating func authReply(_ reply: SMTPReply) -> Action {
        record.authReply = reply
        if reply.code == 235 {
            record.authOutcome = .accepted
            return envelope()
        }
        if reply.code == 334, let credentials = plan.credentials {
            loginChallenges += 1
            switch record.authMechanism {
            case .login where loginChallenges == 1:
                return send(.authResponse(Secret(Self.base64(credentials.username))), .auth)
            case .login where loginChallenges == 2:
                return send(.authResponse(credentials.secret.withRevealed { Secret(Self.base64($0)) }), .auth)
            case .plain where loginChallenges == 1:
                return send(.authResponse(Self.plainResponse(credentials)), .auth)
            case .xoauth2 where loginChallenges == 1:
                // The 334 carries the error as base64 JSON; an empty line asks for the final reply.
                return send(.authResponse(Secret("")), .auth)
            default:
                return send(.authResponse(Secret("*")), .auth)
            }
        }
        record.authOutcome = .rejected
        return stop(.rejected(.auth, reply), quit: true)
    }

    private mutating func envelope() -> Action {
        guard let envelope = plan.envelope else {
            expecting = .quit
            return .finish
        }
        return send(.mailFrom(envelope.from), .mailFrom)
    }

    // MARK: - Encodings

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func plainResponse(_ credentials: Credentials) -> Secret {
        credentials.secret.withRevealed { Secret(base64("\u{0}\(credentials.username)\u{0}\($0)")) }
    }

    static func xoauth2Response(_ credentials: Credentials) -> Secret {
        credentials.secret.withRevealed {
            Secret(base64("user=\(credentials.username)\u{1}auth=Bearer \($0)\u{1}\u{1}"))
        }
    }

    private func testMessage() -> String {
        let from = plan.envelope?.from ?? ""
        let to = plan.envelope?.to ?? ""
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let date = formatter.string(from: Date())
        return [
            "From: <\(from)>", "To: <\(to)>", "Subject: smtp-doctor test message", "Date: \(date)",
            "Message-ID: <\(UUID().uuidString.lowercased())@smtp-doctor>", "",
            "This is a test message sent by smtp-doctor probe --send-test.",
            ".", "",
        ].joined(separator: "\r\n")
    }
}
