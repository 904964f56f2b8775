/// A code seen in the evidence and what its registry says it means.
public struct CodeMeaning: Sendable, Hashable {
    /// The code as seen: `535` or `5.7.8`.
    public var code: String
    /// The registry entry.
    public var entry: ReplyCodeEntry
}
