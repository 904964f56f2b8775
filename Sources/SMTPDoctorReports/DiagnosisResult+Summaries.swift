import SMTPDoctorCore
import SMTPDoctorProbes

extension DiagnosisResult {
    /// The three leading diagnoses as a probe shows them beside its verdict.
    public var summaries: [ProbeDiagnosisSummary] {
        diagnoses.prefix(3).map {
            ProbeDiagnosisSummary(id: $0.definition.id, title: $0.definition.title, confidence: $0.confidence)
        }
    }
}
