import Foundation

/// Refuses regular expressions whose backtracking cost can grow faster than the square of the input.
///
/// ICU, the engine behind `NSRegularExpression`, backtracks. Two shapes make it take exponential or high-polynomial
/// time, and both are refused wherever a pattern enters the knowledge base (`rules lint`, `--rules`):
///
/// - **nested quantifiers**: a repeated group that contains a repetition or an alternation, such as `(a+)+`,
///   `(\w+\s?)*` or `(a|aa)*`; a failing match tries every way of splitting the input between them.
/// - **a chain of overlapping neighbours**: three unbounded repetitions of the same atom with only optional parts
///   between them, such as `\s*:?\s*-?\s*`; each can take any share of the same run of characters, and each adds a
///   power of the input length (two, as in the common `\s*:?\s*`, cost at most its square).
/// - **more than one unbounded repetition of a catch-all** (`.`, a negated class, `\S`) in one alternative, such as
///   `a.*b.*c`; each adds a power of the input length.
///
/// What remains costs at most about the square of the text searched, and ``RegularExpression`` searches at most
/// ``RegularExpression/maximumSubjectLength`` characters of a text: the bound on every evaluation.
public enum RegexSafety {
    /// Why the pattern is refused, or `nil` when it is accepted.
    public static func problem(in pattern: String) -> String? {
        var scanner = PatternScanner(Array(pattern.unicodeScalars))
        return scanner.run()
    }
}

/// One pass over a pattern, with a frame per open group.
private struct PatternScanner {
    /// What the scanner knows about the last atom, to judge the quantifier that may follow it.
    struct Atom {
        var text: String
        var isCatchAll: Bool
        var repeatsInside: Bool
        var alternatesInside: Bool
    }

    struct Frame {
        var repeatsInside = false
        var alternatesInside = false
        var catchAllRepeats = 0
        /// The atom of the last unbounded repetition, while only optional parts have followed it.
        var lastUnbounded: String?
        /// How many unbounded repetitions of that atom follow each other with only optional parts between.
        var chain = 0
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    var frames = [Frame()]
    var atom: Atom?

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func run() -> String? {
        while index < scalars.count {
            let scalar = scalars[index]
            if atom != nil, !["*", "+", "?", "{"].contains(scalar) {
                // The last atom is not repeated, so it must match: repetitions on either side no longer overlap.
                frames[frames.count - 1].lastUnbounded = nil
            }
            switch scalar {
            case "\\": readEscape()
            case "[": readClass()
            case "(": openGroup()
            case ")":
                guard frames.count > 1 else { return nil }
                let frame = frames.removeLast()
                atom = Atom(
                    text: "(…)", isCatchAll: false, repeatsInside: frame.repeatsInside,
                    alternatesInside: frame.alternatesInside)
                frames[frames.count - 1].repeatsInside = frames[frames.count - 1].repeatsInside || frame.repeatsInside
                index += 1
            case "|":
                frames[frames.count - 1].alternatesInside = true
                frames[frames.count - 1].catchAllRepeats = 0
                frames[frames.count - 1].lastUnbounded = nil
                atom = nil
                index += 1
            case "*", "+", "?", "{":
                if let problem = readQuantifier() { return problem }
            case "^", "$":
                atom = nil
                index += 1
            default:
                atom = Atom(
                    text: String(scalar), isCatchAll: scalar == ".", repeatsInside: false, alternatesInside: false)
                index += 1
            }
        }
        return nil
    }

    /// Reads `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` and a lazy or possessive suffix, then judges it.
    private mutating func readQuantifier() -> String? {
        let start = index
        var minimum = 0
        var maximum: Int? = 1
        switch scalars[index] {
        case "*": maximum = nil
        case "+":
            minimum = 1
            maximum = nil
        case "?": break
        default:
            var end = index + 1
            while end < scalars.count, scalars[end] != "}" { end += 1 }
            let body = String(String.UnicodeScalarView(scalars[(index + 1)..<min(end, scalars.count)]))
            let parts = body.split(separator: ",", omittingEmptySubsequences: false).map {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            guard end < scalars.count, let first = parts.first, let low = first else {
                atom = Atom(text: "{", isCatchAll: false, repeatsInside: false, alternatesInside: false)
                index += 1
                return nil
            }
            minimum = low
            maximum = parts.count == 1 ? low : parts[1]
            index = end
        }
        index += 1
        if index < scalars.count, scalars[index] == "?" || scalars[index] == "+" { index += 1 }
        let written = String(String.UnicodeScalarView(scalars[start..<index]))
        guard let atom else { return nil }
        self.atom = nil
        let repeats = maximum.map { $0 > 1 } ?? true
        if repeats, atom.repeatsInside || atom.alternatesInside {
            return "nested quantifiers: '\(written)' repeats a group that itself repeats or alternates; "
                + "the match can take exponential time. Rewrite it without the outer repetition."
        }
        var frame = frames[frames.count - 1]
        if maximum == nil {
            frame.chain = frame.lastUnbounded == atom.text && atom.text != "(…)" ? frame.chain + 1 : 1
            if frame.chain > 2 {
                return "overlapping quantifiers: \(frame.chain) repetitions of '\(atom.text)' with only optional parts "
                    + "between; the match can take polynomial time. Keep one."
            }
            if atom.isCatchAll {
                frame.catchAllRepeats += 1
                if frame.catchAllRepeats > 1 {
                    return "more than one unbounded repetition of a catch-all ('.', '[^…]', '\\S') in one "
                        + "alternative; the match can take polynomial time. Use a narrower class or split the pattern."
                }
            }
            frame.lastUnbounded = atom.text
            frame.repeatsInside = true
        } else if repeats {
            frame.repeatsInside = true
            frame.lastUnbounded = nil
        } else if minimum > 0 {
            frame.lastUnbounded = nil
        }
        frames[frames.count - 1] = frame
        return nil
    }

    private mutating func readEscape() {
        guard index + 1 < scalars.count else {
            index += 1
            return
        }
        let next = scalars[index + 1]
        index += 2
        switch next {
        case "Q":
            while index < scalars.count,
                !(scalars[index] == "\\" && index + 1 < scalars.count && scalars[index + 1] == "E")
            {
                index += 1
            }
            index += 2
            atom = Atom(text: "\\Q", isCatchAll: false, repeatsInside: false, alternatesInside: false)
        case "p", "P":
            if index < scalars.count, scalars[index] == "{" {
                while index < scalars.count, scalars[index] != "}" { index += 1 }
                index += 1
            }
            atom = Atom(text: "\\\(next)", isCatchAll: next == "P", repeatsInside: false, alternatesInside: false)
        case "b", "B", "A", "z", "Z", "G":
            atom = nil
        default:
            atom = Atom(
                text: "\\\(next)", isCatchAll: next == "S", repeatsInside: false,
                alternatesInside: false)
        }
    }

    private mutating func readClass() {
        let start = index
        index += 1
        let negated = index < scalars.count && scalars[index] == "^"
        if negated { index += 1 }
        if index < scalars.count, scalars[index] == "]" { index += 1 }
        var depth = 1
        while index < scalars.count, depth > 0 {
            switch scalars[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
            index += 1
        }
        let text = String(String.UnicodeScalarView(scalars[start..<min(index, scalars.count)]))
        atom = Atom(text: text, isCatchAll: negated, repeatsInside: false, alternatesInside: false)
    }

    private mutating func openGroup() {
        index += 1
        if index < scalars.count, scalars[index] == "?" {
            // Flags alone, such as (?i), apply to what follows and open no group.
            var end = index + 1
            while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end] == "-" { end += 1 }
            if end < scalars.count, scalars[end] == ")" {
                index = end + 1
                return
            }
        }
        frames.append(Frame())
        atom = nil
    }
}
