/// A diagnosis with the certainty the evidence gives it and the evidence itself.
public struct RankedDiagnosis: Sendable {
    /// The diagnosis from the knowledge base.
    public var definition: DiagnosisDefinition
    /// The combined certainty, in −1…1; shown diagnoses have at least the engine's threshold.
    public var confidence: Double
    /// The evidence that held, strongest first.
    public var evidence: [EvidenceFiring]
    /// The remediations, in the diagnosis's order.
    public var remediations: [Remediation]
}
