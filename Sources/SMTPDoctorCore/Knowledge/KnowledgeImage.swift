/// A compiled knowledge base in the form the program is built with (`KnowledgeBase.image`).
///
/// Its strings are kept apart from the rest, so that the build can write each one as a string literal of its own:
/// the program then starts with every string already made, in its read-only data, instead of copying and checking
/// each one out of the image. They come in pages of `pageSize`, because the compiler takes far longer over one
/// very long array literal than over many short ones, and the pages are used as they are, without being joined.
/// The body refers to a string by its index in all the pages together.
public struct KnowledgeImage: Sendable, Hashable {
    /// How many strings a page holds; only the last page may hold fewer.
    public static let pageSize = 100

    /// Every distinct string of the knowledge base, each once, in pages of `pageSize`.
    public let stringPages: [[String]]
    /// Everything else, as text (see `KnowledgeImageWriter`).
    public let body: String

    /// An image from its pages of strings and its body, as the build writes them into the program.
    public init(stringPages: [[String]], body: String) {
        self.stringPages = stringPages
        self.body = body
    }

    /// An image from its strings, cut into pages, and its body.
    init(strings: [String], body: String) {
        let pageSize = Self.pageSize
        stringPages = stride(from: 0, to: strings.count, by: pageSize).map {
            Array(strings[$0..<min($0 + pageSize, strings.count)])
        }
        self.body = body
    }
}
