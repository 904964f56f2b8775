/// The registered meaning of a basic reply code (`535`) or an enhanced status code (`X.7.8`).
public struct ReplyCodeEntry: Sendable, Hashable {
    /// The code as written in the registry: `535` or `X.7.8`.
    public var code: String
    /// Its short name.
    public var title: String
    /// What it means, in plain words.
    public var meaning: String
    /// The standard that defines it.
    public var reference: String?
    /// Whether the code names no cause within its subject, as RFC 3463's "other or undefined" details (`X.7.0`) do:
    /// a reporting server writes it for any failure of that kind, so the words of the reply say more than it does
    /// (`generic: true` in the registry; see `InferenceEngine`).
    public var generic = false
}
