/// Wraps prose to a column width with a hanging indent, for 80-column terminals.
struct TextWrapper {
    let width: Int

    /// The text broken into lines no wider than `width`, the first prefixed by `first`, the rest by `rest`.
    func wrap(_ text: String, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = lineHasWord ? line + " " + word : line + word
            if candidate.count > width && lineHasWord {
                lines.append(line)
                line = rest + word
            } else {
                line = candidate
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
