import Foundation
import SMTPDoctorCore
import SMTPDoctorProbes

/// Renders probe outcomes as text for a terminal (the JSON form is ``ProbeJSONRenderer``).
///
/// Everything printed comes from the report's redacted transcript and steps; the renderers never see a secret.
public struct ProbeTextRenderer: Sendable {
    /// Whether the text shows the transcript of each probe.
    public var transcript: Bool

    /// Creates a renderer.
    public init(transcript: Bool = true) {
        self.transcript = transcript
    }

    /// The text: each step with its latency, the transcript, the verdict and the reason, then which configurations
    /// worked when several were tried.
    ///
    /// ```
    /// Probe of mail.example.com:587 (STARTTLS)
    ///   resolve         ok        2 ms  203.0.113.7:587
    ///   ...
    /// Verdict: Authentication Failed
    /// ```
    public func render(_ outcomes: [ProbeOutcome]) -> String {
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
            out.append("Verdict: \(outcome.verdict.title) (\(String(report.elapsed.wholeMilliseconds)) ms)")
            out.append("  \(outcome.reason)")
            if outcome.verdict != .success, let first = outcome.diagnoses.first {
                out.append("  Likely cause: \(line(first))")
                for other in outcome.diagnoses.dropFirst() { out.append("  Also possible: \(line(other))") }
            }
            out.append("")
        }
        if outcomes.count > 1 {
            let working = outcomes.filter { $0.verdict == .success }.map(\.report)
            if working.isEmpty {
                out.append("No configuration worked.")
            } else {
                out.append(
                    "Working: " + working.map { "port \($0.port) with \($0.mode.title)" }.joined(separator: "; "))
            }
        }
        return UntrustedText.terminal(out.joined(separator: "\n") + "\n", keepingColours: false)
    }

    // MARK: - Helpers

    private func line(_ diagnosis: RankedDiagnosis) -> String {
        "\(diagnosis.definition.title) [\(diagnosis.definition.id), \(Int((diagnosis.confidence * 100).rounded()))%]"
    }

    private func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
