/// Plain text that every match of a regular expression must contain, lower-cased.
///
/// Most patterns in the knowledge base are phrases with a little syntax (`(?i)stuck in (the )?(outbox|queue)`), so a
/// fast substring test on the lower-cased text rules out nearly every non-match before the regular-expression engine
/// runs (even a single character such as `@` rules out most texts). The analysis is conservative: it proves that any match contains one of a set of literals — a run of plain
/// characters, or one literal from each alternative of a required group — and gives up (`nil`) where it cannot, in
/// which case the pattern is always handed to the engine.
enum RequiredLiteral {
    /// Texts of which every match contains at least one; `nil` when none is proven.
    static func anyOf(_ pattern: String) -> [String]? {
        var body = Array(pattern)
        if body.starts(with: Array("(?i)")) { body.removeFirst(4) }
        guard let literals = alternatives(body[...]), literals.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCII) })
        else { return nil }
        return literals.map { $0.lowercased() }
    }

    /// Texts every match contains, all of them (lower-cased): the runs of plain characters outside optional parts of a
    /// pattern without top-level alternation, and those of its required groups; empty when none is proven.
    static func allOf(_ pattern: String) -> [String] {
        var body = Array(pattern)
        if body.starts(with: Array("(?i)")) { body.removeFirst(4) }
        let branches = branches(body[...])
        guard branches.count == 1, let elements = requiredElements(branches[0]) else { return [] }
        var literals: [String] = []
        for element in elements where element.count == 1 {
            let literal = element[0].lowercased()
            if literal.unicodeScalars.allSatisfy(\.isASCII), !literals.contains(literal) { literals.append(literal) }
        }
        return literals
    }

    /// The literal of a pattern without top-level alternation, when a single one is proven.
    static func of(_ pattern: String) -> String? {
        guard let literals = anyOf(pattern), literals.count == 1 else { return nil }
        return literals[0]
    }

    /// One literal per top-level alternative; `nil` if any alternative has none.
    private static func alternatives(_ characters: ArraySlice<Character>) -> [String]? {
        var literals: [String] = []
        for branch in branches(characters) {
            guard let found = sequence(branch) else { return nil }
            literals += found
        }
        return literals.isEmpty ? nil : literals
    }

    /// The best proof for a sequence without top-level alternation: the required element whose shortest literal is
    /// longest.
    private static func sequence(_ characters: ArraySlice<Character>) -> [String]? {
        requiredElements(characters)?.max { strength($0) < strength($1) }
    }

    /// The required elements of a sequence without top-level alternation, each as the literals one of which every
    /// match contains; `nil` for a pattern ending in a lone backslash.
    private static func requiredElements(_ characters: ArraySlice<Character>) -> [[String]]? {
        var candidates: [[String]] = []
        var run = ""
        func endRun() {
            if !run.isEmpty { candidates.append([run]) }
            run = ""
        }
        var index = characters.startIndex
        while index < characters.endIndex {
            let character = characters[index]
            switch character {
            case "(":
                endRun()
                let close = closingParenthesis(characters, from: index)
                let inner = characters[(index + 1)..<min(close, characters.endIndex)]
                let next = close + 1
                let optional = next < characters.endIndex && ["?", "*", "{"].contains(characters[next])
                if !optional, let group = group(inner) { candidates.append(group) }
                index = close
            case "?", "*", "{":
                if !run.isEmpty { run.removeLast() }
                endRun()
                if character == "{" {
                    while index < characters.endIndex && characters[index] != "}" { index += 1 }
                }
            case "+", ".", "^", "$", "|":
                endRun()
            case "[":
                endRun()
                index = closingBracket(characters, from: index)
            case "\\":
                guard index + 1 < characters.endIndex else { return nil }
                let escaped = characters[index + 1]
                if escaped.isLetter || escaped.isNumber {
                    endRun()
                } else {
                    run.append(escaped)
                }
                index += 1
            default:
                run.append(character)
            }
            index += 1
        }
        endRun()
        return candidates
    }

    /// How well a set of literals filters: its shortest literal first, then fewer alternatives.
    private static func strength(_ literals: [String]) -> (Int, Int) {
        (shortest(literals), -literals.count)
    }

    /// The literals of a group's contents, or `nil` for a look-around or a group with an unknown prefix.
    private static func group(_ inner: ArraySlice<Character>) -> [String]? {
        guard inner.first == "?" else { return alternatives(inner) }
        let rest = inner.dropFirst()
        if rest.first == ":" { return alternatives(rest.dropFirst()) }
        return nil
    }

    private static func shortest(_ literals: [String]) -> Int {
        literals.map(\.count).min() ?? 0
    }

    private static func branches(_ characters: ArraySlice<Character>) -> [ArraySlice<Character>] {
        var branches: [ArraySlice<Character>] = []
        var depth = 0
        var start = characters.startIndex
        var index = characters.startIndex
        while index < characters.endIndex {
            switch characters[index] {
            case "\\": index += 1
            case "[": index = closingBracket(characters, from: index)
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0:
                branches.append(characters[start..<index])
                start = index + 1
            default: break
            }
            index += 1
        }
        branches.append(characters[start..<characters.endIndex])
        return branches
    }

    /// The index of the `)` that closes the group opening at `start` (or the end).
    private static func closingParenthesis(_ characters: ArraySlice<Character>, from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < characters.endIndex {
            switch characters[index] {
            case "\\": index += 1
            case "[": index = closingBracket(characters, from: index)
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return characters.endIndex
    }

    /// The index of the `]` that closes a character class starting at `start`.
    private static func closingBracket(_ characters: ArraySlice<Character>, from start: Int) -> Int {
        var index = start + 1
        if index < characters.endIndex && characters[index] == "^" { index += 1 }
        if index < characters.endIndex && characters[index] == "]" { index += 1 }
        while index < characters.endIndex && characters[index] != "]" {
            if characters[index] == "\\" { index += 1 }
            index += 1
        }
        return index
    }
}
