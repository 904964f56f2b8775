/// A sentence that a rule sets as the value of a text fact, with the values of other facts put in.
///
/// ```yaml
/// then: { probe.reason: "No TCP connection to {config.host}:{config.port}[: {probe.tcp.error}]." }
/// ```
///
/// `{name}` stands for the value of the fact `name`; a part in `[…]` is kept only when every fact it names is
/// known. The loader checks that each name is a declared fact, so the prose about an outcome lives in `Rules/`
/// while the program supplies only the observed values.
public struct FactTemplate: Sendable, Hashable {
    /// One piece of the sentence.
    enum Piece: Sendable, Hashable {
        case literal(String)
        case fact(String)
        case optional([Piece])
    }

    let pieces: [Piece]

    /// Why a text is not a well-formed template.
    public struct Problem: Error, Sendable, Hashable {
        /// What is wrong, for a `file:line` message.
        public var message: String
    }

    /// Parses a template.
    /// - Parameter text: the sentence, with `{fact}` placeholders and `[…]` optional parts (not nested).
    /// - Throws: ``Problem`` when a brace or bracket is not closed, a part is nested, or a name is empty.
    public init(parsing text: String) throws(Problem) {
        var pieces: [Piece] = []
        var optional: [Piece]?
        var literal = ""
        var rest = Substring(text)
        func flush() {
            guard !literal.isEmpty else { return }
            if optional != nil { optional?.append(.literal(literal)) } else { pieces.append(.literal(literal)) }
            literal = ""
        }
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case "{":
                guard let close = rest.firstIndex(of: "}") else { throw Problem(message: "'{' is not closed") }
                let name = String(rest[..<close]).trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, !name.contains("{") else { throw Problem(message: "a '{…}' names no fact") }
                flush()
                if optional != nil { optional?.append(.fact(name)) } else { pieces.append(.fact(name)) }
                rest = rest[rest.index(after: close)...]
            case "}":
                throw Problem(message: "'}' without '{'")
            case "[":
                guard optional == nil else { throw Problem(message: "optional parts '[…]' must not be nested") }
                flush()
                optional = []
            case "]":
                guard let part = optional else { throw Problem(message: "']' without '['") }
                flush()
                guard part.contains(where: { if case .fact = $0 { return true } else { return false } }) else {
                    throw Problem(message: "an optional part '[…]' must name a fact")
                }
                pieces.append(.optional(part))
                optional = nil
            default:
                literal.append(character)
            }
        }
        guard optional == nil else { throw Problem(message: "'[' is not closed") }
        flush()
        self.pieces = pieces
    }

    /// Every fact the template names, in order.
    public var factNames: [String] {
        pieces.flatMap { piece -> [String] in
            switch piece {
            case .literal: return []
            case .fact(let name): return [name]
            case .optional(let part): return part.compactMap { if case .fact(let name) = $0 { name } else { nil } }
            }
        }
    }

    /// The sentence with the facts' values put in.
    /// - Parameter value: the value of a fact by name, or `nil` when it is not known.
    /// - Returns: the sentence; an optional part naming an unknown fact is left out, and a required placeholder
    ///   whose fact is unknown reads `unknown`.
    public func render(_ value: (String) -> String?) -> String {
        pieces.map { piece -> String in
            switch piece {
            case .literal(let text): return text
            case .fact(let name): return value(name) ?? "unknown"
            case .optional(let part):
                var out = ""
                for inner in part {
                    switch inner {
                    case .literal(let text): out += text
                    case .fact(let name):
                        guard let known = value(name), !known.isEmpty else { return "" }
                        out += known
                    case .optional: return ""
                    }
                }
                return out
            }
        }.joined()
    }

    /// The sentence with the values of `facts` put in.
    public func render(facts: [Fact]) -> String {
        render { name in facts.first { $0.name == name }.map { "\($0.value)" } }
    }
}
