/// One step of the merged checklist.
public struct ChecklistItem: Sendable, Hashable {
    /// What to do.
    public var step: String
    /// The remediation the step belongs to.
    public var remediationID: String
    /// The diagnoses that call for it, most likely first.
    public var diagnosisIDs: [String]
    /// The provider the step is specific to, if any.
    public var provider: String?
}
