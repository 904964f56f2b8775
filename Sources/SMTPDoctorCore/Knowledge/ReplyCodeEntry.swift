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
}
