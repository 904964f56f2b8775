import Foundation
import NIOCore
import SMTPDoctorCore

extension ProbeReport {
    /// The facts of the probe, for the inference engine.
    ///
    /// Every observation becomes a `probe.*` fact declared in `Rules/facts/probe.yaml`: which step failed and how,
    /// the replies, the TLS library's error text, the certificate. Where the probe read an SMTP reply it also sets
    /// the facts a pasted reply gives (`reply.*`, `error.text`, `smtp.stage`), and the connection it used
    /// (`config.*`). What the observations mean — `network.error`, `tls.error`, whether a refusal is a relay denial —
    /// is decided by the rules in `Rules/rules/probe.yaml`, never here.
    public func observation(detail: String? = nil) -> Observation {
        var facts: [Fact] = []
        let source = FactSource(.probe, detail ?? "\(host):\(port)")
        func add(_ name: ProbeFactName, _ value: FactValue) { facts.append(Fact(name.rawValue, value, source: source)) }
        func add(_ name: ProbeFactName, _ value: String?) { if let value { add(name, .string(value)) } }
        func add(_ name: ProbeFactName, _ value: Int?) { if let value { add(name, .int(value)) } }
        func add(_ name: ProbeFactName, _ value: Bool?) { if let value { add(name, .bool(value)) } }

        add(.verdict, verdict.rawValue)
        add(.configHost, host)
        add(.configPort, port)
        if !SMTPProbeHost.isAddress(host) { add(.remoteHost, host.lowercased()) }
        add(.remoteIP, connectedAddress.map(Self.addressOnly))
        add(.tlsMode, mode.rawValue)
        add(.configTLSMode, usedMode.rawValue)
        if implicitFallback { add(.tlsImplicitFallback, true) }

        // Resolve and connect.
        if let resolveFailure {
            add(.resolve, resolveFailure.rawValue)
            add(.failedStep, ProbeStepKind.resolve.rawValue)
            return Observation(facts: facts)
        }
        add(.resolve, "ok")
        add(.addressCount, addresses.count)
        if let connectFailure {
            add(.tcp, connectFailure.rawValue)
            add(.tcpError, connectError)
            add(.failedStep, ProbeStepKind.connect.rawValue)
            add(.smtpStage, "connect")
            return Observation(facts: facts)
        }
        add(.tcp, "connected")

        // Greeting and EHLO.
        if let greeting = session.greeting {
            add(.greeting, greeting.code == 220 ? "ok" : "rejected")
            add(.greetingCode, greeting.code)
            add(.greetingText, greeting.summary)
        }
        if session.usedHELO {
            add(.ehlo, "helo-fallback")
        } else if session.ehloReply != nil {
            add(.ehlo, "ok")
        }
        if let before = session.capabilitiesBeforeTLS {
            add(.startTLSOffered, before.startTLS)
            add(.authOfferedBeforeTLS, before.offersAuth)
        }
        if let after = session.capabilitiesAfterTLS { add(.authOfferedAfterTLS, after.offersAuth) }
        if let current = session.currentCapabilities {
            if current.offersAuth { add(.authMechanisms, current.authMechanisms.joined(separator: " ")) }
            add(.pipelining, current.pipelining)
            add(.smtpUTF8, current.smtpUTF8)
            add(.size, current.size)
        }

        // TLS.
        if let modeMismatch {
            add(.modeMismatch, modeMismatch.rawValue)
            add(.tls, "mode-mismatch")
        }
        add(.tlsVersion, tlsVersion)
        add(.tlsHandshakeError, tlsHandshakeError)
        if let certificate, let leaf = certificate.chain.first {
            add(.certSubject, leaf.subject)
            add(.certIssuer, leaf.issuer)
            add(.certNames, leaf.alternativeNames.joined(separator: " "))
            add(.certSelfSigned, leaf.selfSigned)
            add(.certTrusted, certificate.trusted)
            add(.certExpired, certificate.expired)
            add(.certNotYetValid, certificate.notYetValid)
            add(.certNameMatch, certificate.nameMatches)
            add(.certDaysLeft, certificate.daysLeft)
            add(.certChainLength, certificate.chain.count)
            if wentOnPastCertificateProblem, !certificate.problems.isEmpty {
                add(.certProblem, certificate.problems[0].rawValue)
            }
        }
        if modeMismatch == nil {
            switch session.stop {
            case .tlsFailed(let problem)?: add(.tls, problem.rawValue)
            case .startTLSNotOffered?: add(.tls, "not-offered")
            case .rejected(.starttls, _)?: add(.tls, "refused")
            default:
                if session.tlsActive {
                    add(.tls, "ok")
                } else if session.capabilitiesBeforeTLS?.startTLS == false {
                    add(.tls, "not-offered")
                } else if session.capabilitiesBeforeTLS != nil {
                    add(.tls, "not-used")
                }
            }
        }

        // AUTH.
        if credentialsGiven {
            add(.auth, session.authOutcome.rawValue)
            add(.authMechanism, session.authMechanism?.rawValue.lowercased())
            if session.authMechanism != nil { add(.authMechanismOffered, session.authMechanismOffered) }
            if let reply = session.authReply, session.authOutcome != .accepted || reply.code == 235 {
                add(.authReplyCode, reply.code)
                add(.authReplyEnhanced, reply.enhanced)
                if !reply.text.isEmpty { add(.authReplyText, .string(reply.text)) }
            }
        }

        // Envelope and message.
        if envelopeGiven {
            add(.envelopeTest, true)
            add(.mailReplyCode, session.mailReply?.code)
            add(.mailReplyEnhanced, session.mailReply?.enhanced)
            add(.rcptReplyCode, session.rcptReply?.code)
            add(.rcptReplyEnhanced, session.rcptReply?.enhanced)
            if let message = session.messageReply { add(.send, message.code == 250 ? "accepted" : "rejected") }
        }

        // How the session stopped.
        if let stop = session.stop {
            add(.failedStep, stop.step.rawValue)
            add(.stop, stop.kind)
            switch stop {
            case .rejected(let step, let reply):
                add(.replyCode, reply.code)
                add(.replyEnhanced, reply.enhanced)
                if !reply.text.isEmpty { add(.replyText, .string(reply.text)) }
                add(.smtpStage, step.smtpStage)
                var text = reply.summary
                if step != .greeting, let greeting = session.greeting?.lines.first {
                    text += " (server greeting: 220 \(greeting))"
                }
                add(.errorText, .string(text))
            case .timeout(let step) where modeMismatch == nil:
                if step == .greeting { add(.greeting, "timeout") }
                add(.smtpStage, step.smtpStage)
            case .closed(let step) where modeMismatch == nil:
                if step == .greeting { add(.greeting, "closed") }
                add(.smtpStage, step.smtpStage)
            case .protocolError(let step, let problem) where modeMismatch == nil:
                add(.protocolError, problem.factValue)
                if step == .greeting { add(.greeting, "malformed") }
                add(.smtpStage, step.smtpStage)
            default:
                break
            }
        }
        return Observation(facts: facts)
    }

    /// The TLS mode the session actually used: `auto` resolves to STARTTLS when it was started.
    var usedMode: TLSMode {
        guard mode == .auto else { return mode }
        return session.startTLSReply != nil ? .starttls : .none
    }

    static func addressOnly(_ text: String) -> String {
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<end])
        }
        return String(text.split(separator: ":").first ?? Substring(text))
    }
}

/// Host-name helpers shared by the probe and its facts.
enum SMTPProbeHost {
    static func isAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: 0)) != nil
    }
}
