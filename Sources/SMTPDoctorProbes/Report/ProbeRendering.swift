import Foundation
import SMTPDoctorCore

/// A probe report with what the engine concluded from its facts.
public struct ProbeOutcome: Sendable {
    /// How many diagnoses are shown beside a probe.
    public static let shownDiagnoses = 3

    public var report: ProbeReport
    /// What the rules made of the run: the verdict and why.
    public var explanation: ProbeExplanation
    /// The engine's conclusions from the probe's facts (with the context of the run), when it was asked.
    public var result: DiagnosisResult?

    /// Creates an outcome; without a result (a successful probe needs none) it shows no diagnosis.
    public init(report: ProbeReport, explanation: ProbeExplanation, result: DiagnosisResult? = nil) {
        self.report = report
        self.explanation = explanation
        self.result = result
    }

    /// The verdict, with what the rules derived (a refused envelope that the rules call a relay denial).
    public var verdict: ProbeVerdict { explanation.verdict }

    /// Why the probe ended as it did, in the words of the rules.
    public var reason: String { explanation.reason }

    /// The leading diagnoses, best first.
    public var diagnoses: ArraySlice<RankedDiagnosis> { (result?.diagnoses ?? []).prefix(Self.shownDiagnoses) }
}

/// Renders probe outcomes for people (the JSON form is `ProbeJSONRenderer` in SMTPDoctorReports).
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
            out.append("Verdict: \(outcome.verdict.title) (\(String(report.elapsed.wholeMilliseconds)) ms)")
            out.append("  \(outcome.reason)")
            if outcome.verdict != .success, let first = outcome.diagnoses.first {
                out.append("  Likely cause: \(Self.line(first))")
                for other in outcome.diagnoses.dropFirst() { out.append("  Also possible: \(Self.line(other))") }
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

    private static func line(_ diagnosis: RankedDiagnosis) -> String {
        "\(diagnosis.definition.title) [\(diagnosis.definition.id), \(Int((diagnosis.confidence * 100).rounded()))%]"
    }

    private static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
