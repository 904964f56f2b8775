import Yams

/// The one way the program reads YAML (rule files, `--answers` files): with a limit on the document's size and on
/// the number of nodes it holds once its aliases are expanded.
///
/// Why a node limit and not an alias ban: anchors are ordinary YAML, but ten levels of ten aliases make a 737-byte
/// file expand to 10¹⁰ nodes. Yams shares an anchored node between its aliases while composing, so composing stays
/// linear; every walk over the tree afterwards is not. The walk here counts nodes and stops at the limit, before any
/// other code walks the tree.
public enum BoundedYAML {
    /// The largest YAML text read, in bytes; the whole built-in knowledge base is under a tenth of it.
    public static let maximumBytes = 4 << 20
    /// The most nodes a document may hold with its aliases expanded.
    public static let maximumNodes = 1_000_000

    /// Composes the text into Yams' node tree within the limits.
    ///
    /// - Returns: the root node, or `nil` for an empty document.
    /// - Throws: ``YAMLProblem`` with the line of the problem: not YAML, duplicate keys, too large, too many nodes.
    public static func compose(_ text: String) throws(YAMLProblem) -> Node? {
        guard text.utf8.count <= maximumBytes else {
            throw YAMLProblem(
                line: 1,
                "the file has \(text.utf8.count) bytes; YAML files may have at most \(maximumBytes >> 20) MiB")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLProblem(error)
        } catch {
            throw YAMLProblem(line: 1, "not valid YAML: \(error)")
        }
        if let root { try checkSize(root) }
        return root
    }

    /// Counts the nodes depth-first and stops at the limit.
    private static func checkSize(_ root: Node) throws(YAMLProblem) {
        var pending = [root]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            if count > maximumNodes {
                throw YAMLProblem(
                    line: node.mark?.line ?? 1,
                    "the document expands to more than \(maximumNodes) nodes (aliases of aliases?); "
                        + "write the entries out or use fewer aliases")
            }
            switch node {
            case .scalar, .alias: break
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            }
        }
    }
}

/// YAML that cannot be read, with the line (counted from 1) of the problem.
public struct YAMLProblem: Error, Sendable, CustomStringConvertible {
    /// The line of the problem, counted from 1.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates a problem report.
    public init(line: Int, _ message: String) {
        self.line = max(1, line)
        self.message = message
    }

    init(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let words = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            self.init(line: mark.line, "not valid YAML: \(words)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            self.init(line: context.mark.line, "duplicate key \(keys) in a mapping; each key may appear once")
        case .reader(let problem, let offset, _, let yaml):
            let line = offset.map { offset in yaml.utf8.prefix(offset).reduce(1) { $0 + ($1 == 10 ? 1 : 0) } } ?? 1
            self.init(line: line, "not readable YAML text: \(problem)")
        default:
            self.init(line: 1, "not valid YAML: \(error)")
        }
    }

    public var description: String { "\(line): \(message)" }
}
