import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes

/// Renders probe outcomes as the object `probe --format json` prints: every probe with its steps, transcript, facts
/// and diagnoses, the diagnoses in the shape of `diagnose --format json` (schema version 1: `category`, `summary`,
/// `evidence`, `remediation`).
///
/// Field names are a contract: scripts depend on them. New fields may be added; none is renamed or removed.
public struct ProbeJSONRenderer: Sendable {
    /// The tool's version for the `tool` object.
    public var toolVersion: String

    /// Creates a probe JSON report.
    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    /// The JSON text, pretty-printed with sorted keys, ending in a newline.
    /// - Throws: ``RenderError`` when a value cannot be encoded (a non-finite number).
    public func render(_ outcomes: [ProbeOutcome], exitCode: Int32) throws(RenderError) -> String {
        let document = ProbeDocument(
            tool: .init(name: "smtp-doctor", version: toolVersion), exitCode: Int(exitCode),
            probes: outcomes.map(ProbeEntry.init))
        return UntrustedText.json(try RenderError.json(document, naming: "the probe")) + "\n"
    }
}

private struct ProbeDocument: Encodable {
    struct Tool: Encodable {
        let name: String
        let version: String
    }
    let schemaVersion = 1
    let tool: Tool
    let exitCode: Int
    let probes: [ProbeEntry]
}

/// One probe: where, how it ended, what it saw, and what the engine made of it.
struct ProbeEntry: Encodable {
    struct TLS: Encodable {
        let version: String?
        let certificate: Certificate?
    }
    struct Certificate: Encodable {
        let trusted: Bool
        let expired: Bool
        let notYetValid: Bool
        let nameMatches: Bool
        let daysLeft: Int
        let chain: [Link]
    }
    struct Link: Encodable {
        let subject: String
        let issuer: String
        let names: [String]
        let notValidBefore: Date
        let notValidAfter: Date
        let selfSigned: Bool
    }
    struct Step: Encodable {
        let step: String
        let outcome: String
        let startedMs: Int
        let durationMs: Int
        let detail: String
    }
    struct Line: Encodable {
        let direction: String
        let text: String
        let atMs: Int
    }

    let host: String
    let port: Int
    let tlsMode: String
    let verdict: String
    let verdictTitle: String
    let reason: String
    let elapsedMs: Int
    let addresses: [String]
    let connectedAddress: String?
    let tls: TLS?
    let capabilities: [String]?
    let steps: [Step]
    let transcript: [Line]
    let facts: [FactEntry]
    let diagnoses: [DiagnosisEntry]

    init(_ outcome: ProbeOutcome) {
        let report = outcome.report
        host = report.host
        port = report.port
        tlsMode = report.mode.rawValue
        verdict = outcome.verdict.rawValue
        verdictTitle = outcome.verdict.title
        reason = outcome.reason
        elapsedMs = Int(report.elapsed.wholeMilliseconds)
        addresses = report.addresses
        connectedAddress = report.connectedAddress
        let certificate = report.certificate.map { check in
            Certificate(
                trusted: check.trusted, expired: check.expired, notYetValid: check.notYetValid,
                nameMatches: check.nameMatches, daysLeft: check.daysLeft ?? 0,
                chain: check.chain.map {
                    Link(
                        subject: $0.subject, issuer: $0.issuer, names: $0.alternativeNames,
                        notValidBefore: $0.notValidBefore, notValidAfter: $0.notValidAfter, selfSigned: $0.selfSigned)
                })
        }
        tls =
            report.tlsVersion == nil && certificate == nil
            ? nil : TLS(version: report.tlsVersion, certificate: certificate)
        capabilities = report.session.currentCapabilities?.keywords
        steps = report.steps.map {
            Step(
                step: $0.kind.rawValue, outcome: $0.outcome.rawValue, startedMs: Int($0.started.wholeMilliseconds),
                durationMs: Int($0.duration.wholeMilliseconds), detail: $0.detail)
        }
        transcript = report.transcript.map {
            Line(direction: $0.direction.rawValue, text: $0.text, atMs: Int($0.at.wholeMilliseconds))
        }
        // With a result, the facts include what the rules derived from the probe's observations.
        facts = (outcome.result?.facts ?? report.observation().facts).map {
            FactEntry(name: $0.name, value: JSONValue($0.value), source: $0.source.identifier)
        }
        let probed = CommandValues(host: report.host, port: String(report.port))
        let commands =
            outcome.result.map { ChecklistCommands(result: $0, given: probed) }
            ?? ChecklistCommands(providerID: nil, values: probed)
        diagnoses = outcome.diagnoses.map { DiagnosisEntry($0, commands: commands) }
    }
}
