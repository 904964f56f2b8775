import Foundation
import SMTPDoctorCore

/// A diagnosis to show beside a probe, chosen by the engine from the probe's facts.
public struct ProbeDiagnosisSummary: Sendable, Hashable {
    public var id: String
    public var title: String
    public var confidence: Double

    public init(id: String, title: String, confidence: Double) {
        self.id = id
        self.title = title
        self.confidence = confidence
    }
}

/// A probe report with the diagnoses its facts led to.
public struct ProbeOutcome: Sendable {
    public var report: ProbeReport
    public var diagnoses: [ProbeDiagnosisSummary]

    public init(report: ProbeReport, diagnoses: [ProbeDiagnosisSummary] = []) {
        self.report = report
        self.diagnoses = diagnoses
    }
}

/// Renders probe outcomes for people (text) and for programs (JSON).
///
/// Everything printed comes from the report's redacted transcript and steps; the renderers never see a secret.
public enum ProbeRenderer {
    // MARK: - Text

    /// The text form: each step with its latency, the transcript, the verdict and the reason.
    ///
    /// ```
    /// Probe of mail.example.com:587 (STARTTLS)
    ///   resolve         ok        2 ms  203.0.113.7:587
    ///   ...
    /// Verdict: Authentication Failed
    /// ```
    public static func text(_ outcomes: [ProbeOutcome], transcript: Bool = true) -> String {
        var out: [String] = []
        for outcome in outcomes {
            let report = outcome.report
            out.append("Probe of \(report.host):\(report.port) (\(report.mode.title))")
            for step in report.steps {
                let name = step.kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
                let result = step.outcome.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                let latency = String(step.duration.wholeMilliseconds)
                let time = String(repeating: " ", count: max(0, 6 - latency.count)) + latency
                out.append("  \(name) \(result) \(time) ms  \(step.detail)")
            }
            if let certificate = report.certificate, let leaf = certificate.chain.first {
                out.append("  certificate: \(leaf.subject); issuer \(leaf.issuer)")
                if !leaf.alternativeNames.isEmpty {
                    out.append("    names: \(leaf.alternativeNames.joined(separator: ", "))")
                }
                out.append(
                    "    valid \(day(leaf.notValidBefore)) to \(day(leaf.notValidAfter))"
                        + (leaf.selfSigned ? ", self-signed" : "")
                        + (certificate.trusted ? ", trusted" : ", not trusted"))
            }
            if transcript, !report.transcript.isEmpty {
                out.append("  Transcript:")
                for entry in report.transcript {
                    let mark: String
                    switch entry.direction {
                    case .client: mark = "C:"
                    case .server: mark = "S:"
                    case .note: mark = "* "
                    }
                    out.append("    \(mark) \(entry.text)")
                }
            }
            out.append("Verdict: \(report.verdict.title) (\(String(report.elapsed.wholeMilliseconds)) ms)")
            out.append("  \(report.reason)")
            if report.verdict != .success, let first = outcome.diagnoses.first {
                out.append("  Likely cause: \(first.title) [\(first.id), \(Int((first.confidence * 100).rounded()))%]")
                for other in outcome.diagnoses.dropFirst().prefix(2) {
                    out.append(
                        "  Also possible: \(other.title) [\(other.id), \(Int((other.confidence * 100).rounded()))%]")
                }
            }
            out.append("")
        }
        if outcomes.count > 1 {
            let working = outcomes.map(\.report).filter { $0.verdict == .success }
            if working.isEmpty {
                out.append("No configuration worked.")
            } else {
                out.append(
                    "Working: " + working.map { "port \($0.port) with \($0.mode.title)" }.joined(separator: "; "))
            }
        }
        return UntrustedText.terminal(out.joined(separator: "\n") + "\n", keepingColours: false)
    }

    // MARK: - JSON

    /// The JSON form: one object with every probe, its steps, transcript, facts and diagnoses.
    public static func json(_ outcomes: [ProbeOutcome], toolVersion: String, exitCode: Int32) -> String {
        let probes: [[String: Any]] = outcomes.map { outcome in
            let report = outcome.report
            var probe: [String: Any] = [
                "host": report.host, "port": report.port, "tlsMode": report.mode.rawValue,
                "verdict": report.verdict.rawValue, "verdictTitle": report.verdict.title, "reason": report.reason,
                "elapsedMs": Int(report.elapsed.wholeMilliseconds), "addresses": report.addresses,
            ]
            if let address = report.connectedAddress { probe["connectedAddress"] = address }
            var tls: [String: Any] = [:]
            if let version = report.tlsVersion { tls["version"] = version }
            if let certificate = report.certificate {
                tls["certificate"] = [
                    "trusted": certificate.trusted, "expired": certificate.expired,
                    "notYetValid": certificate.notYetValid,
                    "nameMatches": certificate.nameMatches, "daysLeft": certificate.daysLeft ?? 0,
                    "chain": certificate.chain.map { leaf -> [String: Any] in
                        [
                            "subject": leaf.subject, "issuer": leaf.issuer, "names": leaf.alternativeNames,
                            "notValidBefore": ISO8601DateFormatter().string(from: leaf.notValidBefore),
                            "notValidAfter": ISO8601DateFormatter().string(from: leaf.notValidAfter),
                            "selfSigned": leaf.selfSigned,
                        ]
                    },
                ]
            }
            if !tls.isEmpty { probe["tls"] = tls }
            if let capabilities = report.session.currentCapabilities { probe["capabilities"] = capabilities.keywords }
            probe["steps"] = report.steps.map { step -> [String: Any] in
                [
                    "step": step.kind.rawValue, "outcome": step.outcome.rawValue,
                    "startedMs": Int(step.started.wholeMilliseconds),
                    "durationMs": Int(step.duration.wholeMilliseconds),
                    "detail": step.detail,
                ]
            }
            probe["transcript"] = report.transcript.map { entry -> [String: Any] in
                ["direction": entry.direction.rawValue, "text": entry.text, "atMs": Int(entry.at.wholeMilliseconds)]
            }
            probe["facts"] = report.observation().facts.map { fact -> [String: Any] in
                let value: Any
                switch fact.value {
                case .int(let number): value = number
                case .bool(let flag): value = flag
                case .string(let text): value = text
                }
                return ["name": fact.name, "value": value, "source": fact.source.identifier]
            }
            probe["diagnoses"] = outcome.diagnoses.map {
                ["id": $0.id, "title": $0.title, "confidence": ($0.confidence * 1000).rounded() / 1000]
            }
            return probe
        }
        let object: [String: Any] = [
            "schemaVersion": 1, "tool": ["name": "smtp-doctor", "version": toolVersion], "exitCode": Int(exitCode),
            "probes": probes,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return "{}\n" }
        return UntrustedText.json(String(decoding: data, as: UTF8.self)) + "\n"
    }

    // MARK: - Helpers

    private static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
