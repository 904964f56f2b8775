/// The text of one knowledge-base file and the name to report it under.
public struct RuleFile: Sendable, Hashable {
    /// Path inside the rules folder, such as `diagnoses/auth.yaml`; decides what kind of entries the file holds.
    public var relativePath: String
    /// Path shown in messages, such as `Rules/diagnoses/auth.yaml`.
    public var displayPath: String
    /// The YAML text.
    public var text: String
    /// The file already parsed at build time, as `RuleNode.compactEncoding`; `nil` to parse `text`.
    public var compiled: String?

    /// Creates a rule file from YAML text, or from its compiled form.
    public init(relativePath: String, displayPath: String, text: String, compiled: String? = nil) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.text = text
        self.compiled = compiled
    }
}
