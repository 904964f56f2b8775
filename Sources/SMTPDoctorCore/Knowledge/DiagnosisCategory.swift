/// One entry of the closed list of diagnosis categories (`categories.yaml`).
public struct DiagnosisCategory: Sendable, Hashable {
    /// The category id, such as `auth`.
    public var id: String
    /// What the category covers.
    public var meaning: String
    /// The diagnosis that receives the category-level evidence of the vocabulary ("a TLS problem of a kind the text
    /// does not say"), when the category has one.
    public var generalDiagnosisID: String?
}
