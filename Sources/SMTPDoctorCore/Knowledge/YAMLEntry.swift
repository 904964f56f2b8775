/// A YAML node together with the file it came from, with typed accessors that report problems by line.
///
/// Reading goes through nodes rather than `Codable` so that every problem names its line.
struct YAMLEntry {
    let node: RuleNode
    let file: String
    let log: ProblemLog
    /// Whether the entry comes from a layer checked at build time.
    let isVerified: Bool

    var location: SourceLocation { SourceLocation(file: file, line: node.line) }

    func child(_ node: RuleNode) -> YAMLEntry { YAMLEntry(node: node, file: file, log: log, isVerified: isVerified) }

    func report(_ message: String) { log.report(location, message) }

    /// The key–value pairs of a mapping, in file order; reports a problem for any other node.
    func pairs(_ what: String) -> [(key: String, value: YAMLEntry)] {
        guard case .mapping(let pairs, _) = node else {
            report("\(what) must be a mapping of keys to values")
            return []
        }
        return pairs.map { ($0.key, child($0.value)) }
    }

    /// The items of a sequence; reports a problem for any other node.
    func items(_ what: String) -> [YAMLEntry] {
        guard case .sequence(let items, _) = node else {
            report("\(what) must be a list")
            return []
        }
        return items.map(child)
    }

    /// The value under `key` in a mapping, if present.
    subscript(key: String) -> YAMLEntry? {
        node[key].map(child)
    }

    /// The scalar text of this node, or a problem.
    func text(_ what: String) -> String? {
        guard let text = node.text else {
            report("\(what) must be plain text")
            return nil
        }
        return text
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
        if let text = entry.node.text { return [text] }
        return entry.items("'\(key)'").compactMap { $0.text("an item of '\(key)'") }
    }

    /// Reports keys that the shape does not know, which are usually typing mistakes.
    func rejectUnknownKeys(_ known: Set<String>, in what: String) {
        for (key, value) in pairs(what) where !known.contains(key) {
            value.report("unknown key '\(key)' in \(what); expected one of: \(known.sorted().joined(separator: ", "))")
        }
    }
}

extension YAMLEntry {
    /// A regular expression written at this entry: compiled now and reported if invalid, or, for a verified
    /// layer, compiled on first use.
    func regularExpression(_ pattern: String) -> RegularExpression? {
        if isVerified { return RegularExpression(verified: pattern) }
        if let problem = RegexSafety.problem(in: pattern) {
            report("regular expression '\(pattern)' is refused: \(problem)")
            return nil
        }
        do {
            return try RegularExpression(pattern)
        } catch {
            report("regular expression '\(pattern)' does not compile")
            return nil
        }
    }
}
