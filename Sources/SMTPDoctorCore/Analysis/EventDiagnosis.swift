/// The diagnosis of one failure event: its best diagnosis and the codes the parser found.
public struct EventDiagnosis: Sendable, Hashable {
    /// The best-ranked diagnosis, or nil when nothing reached the threshold.
    public var diagnosisID: String?
    /// Its category.
    public var category: String?
    /// Its title.
    public var title: String?
    /// Its confidence, 0…1; 0 when not recognised.
    public var confidence: Double
    /// The basic reply code found in the text.
    public var replyCode: Int?
    /// The enhanced status code found in the text.
    public var enhancedCode: String?
    /// The SMTP stage.
    public var stage: String?
    /// The provider recognised by the rules.
    public var provider: String?

    /// Whether a diagnosis was found.
    public var isRecognised: Bool { diagnosisID != nil }
}
