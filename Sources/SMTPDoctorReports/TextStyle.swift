/// Terminal styling: ANSI colours when writing to a terminal that wants them, plain text otherwise.
public struct TextStyle: Sendable {
    /// Whether to emit colour codes.
    public var colour: Bool

    /// Creates a style.
    public init(colour: Bool) {
        self.colour = colour
    }

    /// Bold text (headings, questions).
    public func bold(_ text: String) -> String { wrap(text, "1") }
    /// Dim text (hints).
    public func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func cyan(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
