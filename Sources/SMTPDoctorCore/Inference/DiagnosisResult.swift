/// What the engine concluded from the evidence, with everything needed to explain it.
public struct DiagnosisResult: Sendable {
    /// Every fact known at the end, given or derived, with its source.
    public var facts: [Fact]
    /// The derivation rules that fired, in order.
    public var firings: [RuleFiring]
    /// Diagnoses at or above the threshold, most certain first.
    public var diagnoses: [RankedDiagnosis]
    /// Diagnoses some evidence touched that stayed below the threshold or were ruled out.
    public var ruledOut: [RankedDiagnosis]
    /// Fallbacks that a more specific diagnosis explained away, per observation; they are in neither list above.
    public var explainedAway: [ExplainedAway] = []
    /// The merged checklist.
    public var checklist: [ChecklistItem]
    /// The codes seen and their registered meanings.
    public var codes: [CodeMeaning]
    /// The provider given or recognised, if any.
    public var provider: ProviderProfile?

    /// Whether anything was recognised well enough to name a diagnosis.
    public var isRecognised: Bool { !diagnoses.isEmpty }
}
