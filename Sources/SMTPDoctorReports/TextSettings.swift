/// How the terminal text looks: colour, and how much of the causes and the checklist it shows.
public struct TextSettings: Sendable {
    /// Colours or plain text.
    public var style: TextStyle
    /// Only the most likely cause and the first steps of its own remediations.
    public var brief: Bool
    /// How many checklist steps to show; the rest are counted. `nil` shows them all (3 with `brief`).
    public var maximumSteps: Int?

    /// Creates the settings.
    public init(style: TextStyle = TextStyle(colour: false), brief: Bool = false, maximumSteps: Int? = nil) {
        self.style = style
        self.brief = brief
        self.maximumSteps = maximumSteps
    }
}
