/// One command call in a PowerShell command line: its name and the parameters it is given by name.
///
/// The reader knows enough PowerShell for the rules' one-liners: statements split at `;`, `|` and newlines,
/// nested `( )`, `$( )`, `@( )`, `{ }` and `@{ }` groups read as their own statements, quoted strings kept whole,
/// and an assignment (`$x = Get-Thing …`) read as the call on its right.
struct PowerShellInvocation: Sendable, Equatable {
    /// The command as written: a cmdlet such as `Get-Queue`, or a program such as `.\Setup.exe`.
    var name: String
    /// The parameters given by name (`-Identity`, `-Confirm:$false` → `Confirm`), in order.
    var parameters: [String]
    /// The words after the name, quoted strings included, as written.
    var arguments: [String]

    /// Whether the name has the Verb-Noun form of a cmdlet.
    var isCmdlet: Bool {
        name.wholeMatch(of: /[A-Za-z]+-[A-Za-z][A-Za-z0-9]*/) != nil
    }

    /// Every call in a command line, outer statements before the groups nested in them.
    static func all(in line: String) -> [PowerShellInvocation] {
        var finished: [[String]] = []
        var stack: [[String]] = [[]]
        var word = ""
        var characters = Array(line)[...]
        func endWord() {
            if !word.isEmpty { stack[stack.count - 1].append(word) }
            word = ""
        }
        func endStatement() {
            endWord()
            finished.append(stack[stack.count - 1])
            stack[stack.count - 1] = []
        }
        while let character = characters.popFirst() {
            switch character {
            case "'", "\"":
                word.append(character)
                while let next = characters.popFirst() {
                    word.append(next)
                    if next == character { break }
                    if next == "`", let escaped = characters.popFirst() { word.append(escaped) }
                }
            case "(", "{":
                let opensGroup = word.isEmpty || word == "$" || word == "@"
                if opensGroup { word = "" } else { word.append(character) }
                endWord()
                stack.append([])
            case ")", "}":
                endStatement()
                if stack.count > 1 { stack.removeLast() }
                word = "(…)"
            case ";", "|", "\n":
                endStatement()
            case " ", "\t":
                endWord()
            default:
                word.append(character)
            }
        }
        endStatement()
        for rest in stack.dropLast() where !rest.isEmpty { finished.append(rest) }
        return finished.compactMap(invocation)
    }

    private static func invocation(_ words: [String]) -> PowerShellInvocation? {
        var words = words[...]
        if words.count >= 2, words[words.startIndex + 1] == "=",
            let target = words.first, target.hasPrefix("$") || target.hasPrefix("[")
        {
            words = words.dropFirst(2)
        }
        guard let name = words.first, let first = name.first, first.isLetter || first == "."
        else { return nil }
        let arguments = Array(words.dropFirst())
        let parameters = arguments.compactMap { word -> String? in
            guard let match = word.wholeMatch(of: /-([A-Za-z][A-Za-z0-9]*)(:.*)?/) else { return nil }
            return String(match.1)
        }
        return PowerShellInvocation(name: name, parameters: parameters, arguments: arguments)
    }
}
