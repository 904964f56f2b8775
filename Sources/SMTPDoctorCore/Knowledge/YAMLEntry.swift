import Yams

/// A YAML node together with the file it came from, with typed accessors that report problems by line.
///
/// Reading goes through nodes rather than `Codable` so that every problem names its line.
struct YAMLEntry {
    let node: Node
    let file: String
    let log: ProblemLog

    var location: SourceLocation { SourceLocation(file: file, line: node.mark?.line ?? 0) }

    func child(_ node: Node) -> YAMLEntry { YAMLEntry(node: node, file: file, log: log) }

    func report(_ message: String) { log.report(location, message) }

    /// The key–value pairs of a mapping, in file order; reports a problem for any other node.
    func pairs(_ what: String) -> [(key: String, value: YAMLEntry)] {
        guard case .mapping(let mapping) = node else {
            report("\(what) must be a mapping of keys to values")
            return []
        }
        return mapping.compactMap { key, value in
            guard let name = key.string else {
                child(key).report("a key must be plain text")
                return nil
            }
            return (name, child(value))
        }
    }

    /// The items of a sequence; reports a problem for any other node.
    func items(_ what: String) -> [YAMLEntry] {
        guard case .sequence(let sequence) = node else {
            report("\(what) must be a list")
            return []
        }
        return sequence.map(child)
    }

    /// The value under `key` in a mapping, if present.
    subscript(key: String) -> YAMLEntry? {
        guard case .mapping(let mapping) = node, let value = mapping[key] else { return nil }
        return child(value)
    }

    /// The scalar text of this node, or a problem.
    func text(_ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report("\(what) must be plain text")
            return nil
        }
        return scalar.string
    }

    /// A required text value under `key`.
    func required(_ key: String) -> String? {
        guard let value = self[key] else {
            report("missing '\(key)'")
            return nil
        }
        return value.text("'\(key)'")
    }

    /// An optional text value under `key`.
    func optional(_ key: String) -> String? {
        self[key]?.text("'\(key)'")
    }

    /// An optional whole number under `key`.
    func integer(_ key: String) -> Int? {
        guard let entry = self[key], let text = entry.text("'\(key)'") else { return nil }
        guard let value = Int(text) else {
            entry.report("'\(key)' must be a whole number, not '\(text)'")
            return nil
        }
        return value
    }

    /// A list of texts under `key` (a single text counts as a list of one).
    func texts(_ key: String) -> [String] {
        guard let entry = self[key] else { return [] }
        if case .scalar(let scalar) = entry.node { return [scalar.string] }
        return entry.items("'\(key)'").compactMap { $0.text("an item of '\(key)'") }
    }

    /// Reports keys that the shape does not know, which are usually typing mistakes.
    func rejectUnknownKeys(_ known: Set<String>, in what: String) {
        for (key, value) in pairs(what) where !known.contains(key) {
            value.report("unknown key '\(key)' in \(what); expected one of: \(known.sorted().joined(separator: ", "))")
        }
    }
}
