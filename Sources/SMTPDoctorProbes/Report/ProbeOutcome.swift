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
