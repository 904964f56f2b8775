/// Which templates include which partials (`{{> name}}`, and `{{< name}}` for a parent), to refuse a set of templates
/// in which a template includes itself, directly or through others: rendering it would recurse until the stack ends.
///
/// The documents have no recursive data, so no legitimate template needs a cycle.
struct TemplateInclusions {
    private let edges: [String: Set<String>]

    init(_ templates: [String: String]) {
        edges = templates.mapValues(Self.includedNames)
    }

    /// The names in the inclusion tags of `text`: `{{> name}}` or `{{< name}}`, with optional spaces inside.
    static func includedNames(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            rest = rest[open.upperBound...]
            var tag = rest.drop { $0.isWhitespace }
            guard let sign = tag.first, sign == ">" || sign == "<" else { continue }
            tag = tag.dropFirst().drop { $0.isWhitespace }
            let name = tag.prefix { !$0.isWhitespace && $0 != "}" }
            guard !name.isEmpty, tag[name.endIndex...].drop(while: \.isWhitespace).hasPrefix("}}") else { continue }
            names.insert(String(name))
        }
        return names
    }

    /// A chain of names that leads from a template back to itself (`a → b → a`), if there is one.
    func firstCycle() -> [String]? {
        var finished: Set<String> = []
        for start in edges.keys.sorted() {
            if let cycle = cycle(from: start, path: [start], finished: &finished) { return cycle }
        }
        return nil
    }

    private func cycle(from name: String, path: [String], finished: inout Set<String>) -> [String]? {
        guard !finished.contains(name) else { return nil }
        for next in (edges[name] ?? []).sorted() {
            if let start = path.firstIndex(of: next) { return Array(path[start...]) + [next] }
            if let cycle = cycle(from: next, path: path + [next], finished: &finished) { return cycle }
        }
        finished.insert(name)
        return nil
    }
}
