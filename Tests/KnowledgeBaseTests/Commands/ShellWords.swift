/// A POSIX shell command line cut into simple commands and their words, enough to find which program gets which
/// options: split at `;`, `|`, `&&`, `||`, `$(`, `(` and `)`, quotes removed from the words they enclose.
enum ShellWords {
    /// The simple commands of a line, each as its words, with leading `sudo`, `time` and `NAME=value` dropped.
    static func commands(in line: String) -> [[String]] {
        var commands: [[String]] = []
        var current: [String] = []
        var word = ""
        var quoted = false
        var characters = Array(line)[...]
        func endWord() {
            if !word.isEmpty || quoted { current.append(word) }
            word = ""
            quoted = false
        }
        func endCommand() {
            endWord()
            if !current.isEmpty { commands.append(current) }
            current = []
        }
        while let character = characters.popFirst() {
            switch character {
            case "'":
                quoted = true
                while let next = characters.popFirst(), next != "'" { word.append(next) }
            case "\"":
                quoted = true
                while let next = characters.popFirst(), next != "\"" {
                    if next == "\\", let escaped = characters.popFirst() {
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
            case "\\":
                if let escaped = characters.popFirst() { word.append(escaped) }
            case ";", "|", "&", "(", ")", "\n":
                endCommand()
            case "$" where characters.first == "(":
                endCommand()
            case " ", "\t":
                endWord()
            default:
                word.append(character)
            }
        }
        endCommand()
        return commands.map(withoutPrefixes)
    }

    private static func withoutPrefixes(_ words: [String]) -> [String] {
        var words = words[...]
        while let first = words.first,
            first == "sudo" || first == "time" || first.wholeMatch(of: /[A-Z_][A-Z0-9_]*=.*/) != nil
        {
            words = words.dropFirst()
        }
        return Array(words)
    }
}
