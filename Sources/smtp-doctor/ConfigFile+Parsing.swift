import Yams

extension ConfigFile {
    /// The largest configuration file read; a longer one is refused rather than parsed.
    static let sizeLimit = 64 * 1024

    /// Reads a configuration file's text.
    ///
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - path: the file's name, for the problem's location.
    /// - Throws: `ConfigProblem` naming the line of the first thing wrong.
    init(yaml: String, path: String) throws(ConfigProblem) {
        guard yaml.utf8.count <= Self.sizeLimit else {
            throw ConfigProblem(
                path: path, line: 1, "longer than \(Self.sizeLimit) bytes; this is not a configuration file")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigProblem(path: path, line: error.line, "not valid YAML: \(error.problem)")
        } catch {
            throw ConfigProblem(path: path, line: 1, "not valid YAML: \(error)")
        }
        self.init()
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            throw ConfigProblem(path: path, line: root.line, "expected a mapping of settings (key: value)")
        }
        for (key, value) in mapping {
            try read(key: key, value: value, path: path)
        }
    }

    private mutating func read(key: Node, value: Node, path: String) throws(ConfigProblem) {
        let name = key.string ?? ""
        switch name {
        case "provider": provider = try Self.text(value, key: name, path: path)
        case "templates": templates = try Self.text(value, key: name, path: path)
        case "dns-server": dnsServer = try Self.text(value, key: name, path: path)
        case "rules": rules = try Self.texts(value, key: name, path: path)
        case "color", "colour":
            let text = try Self.text(value, key: name, path: path)
            guard let choice = ColourChoice(rawValue: text) else {
                throw ConfigProblem(
                    path: path, line: value.line,
                    "'\(name)' is '\(text)'; use one of \(ColourChoice.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            colour = choice
        default:
            throw ConfigProblem(
                path: path, line: key.line, "unknown setting '\(name)'; known: \(Self.keys.joined(separator: ", "))")
        }
    }

    private static func text(_ node: Node, key: String, path: String) throws(ConfigProblem) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw ConfigProblem(path: path, line: node.line, "'\(key)' takes one non-empty value")
        }
        return scalar.string
    }

    private static func texts(_ node: Node, key: String, path: String) throws(ConfigProblem) -> [String] {
        guard case .sequence(let items) = node else { return [try text(node, key: key, path: path)] }
        var texts: [String] = []
        for item in items { texts.append(try text(item, key: key, path: path)) }
        return texts
    }
}

extension Node {
    /// The line the node starts on, counted from 1.
    fileprivate var line: Int { mark?.line ?? 1 }
}

extension YamlError {
    /// The line the parser stopped on, counted from 1.
    fileprivate var line: Int {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 1
        }
    }

    /// What the parser found wrong, without the echoed text.
    fileprivate var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        case .reader(let problem, _, _, _): return problem
        default: return "\(self)"
        }
    }
}
