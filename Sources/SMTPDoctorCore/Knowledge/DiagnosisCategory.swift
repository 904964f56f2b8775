/// One entry of the closed list of diagnosis categories (`categories.yaml`).
public struct DiagnosisCategory: Sendable, Hashable {
    /// The category id, such as `auth`.
    public var id: String
    /// What the category covers.
    public var meaning: String
}
