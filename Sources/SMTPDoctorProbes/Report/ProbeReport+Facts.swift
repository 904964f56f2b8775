import Foundation
import NIOCore
import SMTPDoctorCore

extension ProbeReport {
    /// The facts of the probe, for the inference engine.
    ///
    /// Every observation becomes a `probe.*` fact declared in `Rules/facts/probe.yaml`; where a probe observes what a
    /// pasted error would say, the normalised facts are set too (`network.error`, `tls.error`, `reply.*`,
    /// `smtp.stage`, `config.*`), so that the same diagnoses are reached from either. Nothing here decides what a
    /// fact means.
    public func observation(detail: String? = nil) -> Observation {
        var facts: [Fact] = []
        let source = FactSource(.probe, detail ?? "\(host):\(port)")
        func add(_ name: String, _ value: FactValue) { facts.append(Fact(name, value, source: source)) }
        func add(_ name: String, _ value: String?) { if let value { add(name, .string(value)) } }
        func add(_ name: String, _ value: Int?) { if let value { add(name, .int(value)) } }
        func add(_ name: String, _ value: Bool?) { if let value { add(name, .bool(value)) } }

        add("probe.verdict", verdict.rawValue)
        add("config.host", host)
        add("config.port", port)
        if !SMTPProbeHost.isAddress(host) { add("remote.host", host.lowercased()) }
        add("remote.ip", connectedAddress.map(Self.addressOnly))
        add("probe.tls.mode", mode.rawValue)
        let usedMode: String
        switch mode {
        case .implicit: usedMode = "implicit"
        case .starttls: usedMode = "starttls"
        case .none: usedMode = "none"
        case .auto: usedMode = session.startTLSReply != nil ? "starttls" : "none"
        }
        add("config.tls-mode", usedMode)

        // Resolve and connect.
        if let resolveFailure {
            add("probe.resolve", resolveFailure.rawValue)
            add("probe.failed-step", ProbeStepKind.resolve.rawValue)
            switch resolveFailure {
            case .hostNotFound: add("network.error", "host-not-found")
            case .resolverUnavailable, .timeout: add("dns.error", "resolver-unavailable")
            case .failed: break
            }
            return Observation(facts: facts)
        }
        add("probe.resolve", "ok")
        add("probe.address-count", addresses.count)
        if let connectFailure {
            add("probe.tcp", connectFailure.rawValue)
            add("probe.failed-step", ProbeStepKind.connect.rawValue)
            add("smtp.stage", "connect")
            switch connectFailure {
            case .refused: add("network.error", "refused")
            case .timeout:
                add("network.error", "timeout")
                add("network.timeout-phase", "connect")
            case .unreachable: add("network.error", "unreachable")
            case .reset: add("network.error", "reset")
            case .blocked: add("network.error", "port-blocked")
            case .failed: break
            }
            return Observation(facts: facts)
        }
        add("probe.tcp", "connected")

        // Greeting and EHLO.
        if let greeting = session.greeting {
            add("probe.greeting", greeting.code == 220 ? "ok" : "rejected")
            add("probe.greeting.code", greeting.code)
            add("probe.greeting.text", greeting.summary)
        }
        if session.usedHELO {
            add("probe.ehlo", "helo-fallback")
        } else if session.ehloReply != nil {
            add("probe.ehlo", "ok")
        }
        if let before = session.capabilitiesBeforeTLS {
            add("probe.starttls.offered", before.startTLS)
            add("probe.auth.offered-before-tls", before.offersAuth)
        }
        if let after = session.capabilitiesAfterTLS { add("probe.auth.offered-after-tls", after.offersAuth) }
        if let current = session.currentCapabilities {
            if current.offersAuth { add("probe.auth.mechanisms", current.authMechanisms.joined(separator: " ")) }
            add("probe.pipelining", current.pipelining)
            add("probe.smtputf8", current.smtpUTF8)
            add("probe.size", current.size)
        }

        // TLS.
        if let modeMismatch {
            add("probe.mode-mismatch", modeMismatch.rawValue)
            add("probe.tls", "mode-mismatch")
            add("tls.error", "mode-mismatch")
        }
        add("probe.tls.version", tlsVersion)
        if let certificate, let leaf = certificate.chain.first {
            add("probe.cert.subject", leaf.subject)
            add("probe.cert.issuer", leaf.issuer)
            add("probe.cert.names", leaf.alternativeNames.joined(separator: " "))
            add("probe.cert.self-signed", leaf.selfSigned)
            add("probe.cert.trusted", certificate.trusted)
            add("probe.cert.expired", certificate.expired)
            add("probe.cert.not-yet-valid", certificate.notYetValid)
            add("probe.cert.name-match", certificate.nameMatches)
            add("probe.cert.days-left", certificate.daysLeft)
            add("probe.cert.chain-length", certificate.chain.count)
        }
        switch session.stop {
        case .tlsFailed(let problem)? where modeMismatch == nil:
            add("probe.tls", problem.rawValue)
            switch problem {
            case .untrusted:
                add("tls.error", "untrusted")
                add("tls.untrusted-reason", certificate?.chain.first?.selfSigned == true ? "self-signed" : "unknown-ca")
            case .expired, .nameMismatch, .protocolVersion, .handshakeFailed, .modeMismatch:
                add("tls.error", problem.rawValue)
            case .notYetValid:
                break
            }
        case .startTLSNotOffered?:
            add("probe.tls", "not-offered")
            add("tls.error", "starttls-not-offered")
        case .rejected(.starttls, _)?:
            add("probe.tls", "refused")
        default:
            if modeMismatch == nil {
                if session.tlsActive {
                    add("probe.tls", "ok")
                } else if session.capabilitiesBeforeTLS?.startTLS == false {
                    add("probe.tls", "not-offered")
                } else if session.capabilitiesBeforeTLS != nil {
                    add("probe.tls", "not-used")
                }
            }
        }

        // AUTH.
        if credentialsGiven {
            add("probe.auth", session.authOutcome.rawValue)
            add("probe.auth.mechanism", session.authMechanism?.rawValue.lowercased())
            if session.authMechanism != nil { add("probe.auth.mechanism-offered", session.authMechanismOffered) }
            if let reply = session.authReply, session.authOutcome != .accepted || reply.code == 235 {
                add("probe.auth.reply.code", reply.code)
                add("probe.auth.reply.enhanced", reply.enhanced)
                if !reply.text.isEmpty { add("probe.auth.reply.text", .string(reply.text)) }
            }
        }

        // Envelope and message.
        if envelopeGiven {
            add("probe.mail.reply.code", session.mailReply?.code)
            add("probe.rcpt.reply.code", session.rcptReply?.code)
            add("probe.rcpt.reply.enhanced", session.rcptReply?.enhanced)
            if let rcpt = session.rcptReply, rcpt.isPositive {
                add("probe.relay", "accepted")
            } else if session.rcptReply != nil {
                add("probe.relay", verdict == .relayDenied ? "denied" : "rejected")
            } else if let mail = session.mailReply, !mail.isPositive {
                add("probe.relay", verdict == .relayDenied ? "denied" : "sender-rejected")
            } else {
                add("probe.relay", "not-tested")
            }
            if let message = session.messageReply { add("probe.send", message.code == 250 ? "accepted" : "rejected") }
        }

        // How the session stopped, in the shared facts.
        if let stop = session.stop {
            add("probe.failed-step", stop.step.rawValue)
            switch stop {
            case .rejected(let step, let reply):
                add("reply.code", reply.code)
                add("reply.enhanced", reply.enhanced)
                if !reply.text.isEmpty { add("reply.text", .string(reply.text)) }
                add("smtp.stage", step.smtpStage)
                var text = reply.summary
                if step != .greeting, let greeting = session.greeting?.lines.first {
                    text += " (server greeting: 220 \(greeting))"
                }
                add("error.text", .string(text))
            case .timeout(let step) where modeMismatch == nil:
                add("network.error", step == .greeting ? "greeting-timeout" : "timeout")
                add("network.timeout-phase", step == .greeting ? "greeting" : "read")
                if step == .greeting { add("probe.greeting", "timeout") }
                add("smtp.stage", step.smtpStage)
            case .closed(let step) where modeMismatch == nil:
                add("network.error", "closed-by-server")
                if step == .greeting { add("probe.greeting", "closed") }
                add("smtp.stage", step.smtpStage)
            case .protocolError(let step, let problem) where modeMismatch == nil:
                let kind: String
                switch problem {
                case .lineTooLong: kind = "line-too-long"
                case .tooManyLines: kind = "too-many-lines"
                case .malformed: kind = "malformed"
                case .tlsData: kind = "tls-data"
                }
                add("probe.protocol-error", kind)
                if step == .greeting { add("probe.greeting", "malformed") }
                add("smtp.stage", step.smtpStage)
            default:
                break
            }
        }
        return Observation(facts: facts)
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
