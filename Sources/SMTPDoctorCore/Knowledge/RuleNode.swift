import Yams

/// A YAML node as the loader reads it: text, a mapping or a list, each with the line it starts on.
///
/// The loader works on these rather than on Yams' nodes so that the built-in knowledge base can be parsed at build
/// time and stored in a compact form (`RuleNode+CompactEncoding.swift`) that loads in a few milliseconds.
public indirect enum RuleNode: Sendable, Hashable {
    /// A scalar: its text and line.
    case scalar(String, line: Int)
    /// A mapping: its pairs in file order, and its line.
    case mapping([Pair], line: Int)
    /// A sequence: its items and its line.
    case sequence([RuleNode], line: Int)

    /// One key and value of a mapping.
    public struct Pair: Sendable, Hashable {
        /// The key's text.
        public var key: String
        /// The line the key is on.
        public var keyLine: Int
        /// The value.
        public var value: RuleNode
    }

    /// The line the node starts on, counted from 1.
    public var line: Int {
        switch self {
        case .scalar(_, let line), .mapping(_, let line), .sequence(_, let line): return line
        }
    }

    /// The node's text, when it is a scalar.
    var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// The value under a key, when the node is a mapping that has it.
    subscript(key: String) -> RuleNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// Parses YAML text.
    /// - Returns: the root node, or `nil` for an empty document.
    /// - Throws: ``YAMLProblem`` for text that is not YAML or that passes the limits of ``BoundedYAML``.
    public static func parse(yaml: String) throws(YAMLProblem) -> RuleNode? {
        try BoundedYAML.compose(yaml).map(RuleNode.init)
    }

    init(_ node: Node) {
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            self = .scalar(scalar.string, line: line)
        case .mapping(let mapping):
            self = .mapping(
                mapping.map { key, value in
                    Pair(key: key.string ?? "", keyLine: key.mark?.line ?? line, value: RuleNode(value))
                }, line: line)
        case .sequence(let sequence):
            self = .sequence(sequence.map(RuleNode.init), line: line)
        case .alias(let alias):
            self = .scalar(alias.anchor.rawValue, line: line)
        }
    }
}
