import Foundation

/// Which templates include which partials (`{{> name}}`, and `{{< name}}` for a parent), to refuse a set of templates
/// in which a template includes itself, directly or through others: rendering it would recurse until the stack ends.
///
/// The documents have no recursive data, so no legitimate template needs a cycle.
struct TemplateInclusions {
    private static let tag = try! NSRegularExpression(pattern: #"\{\{\s*[><]\s*([^\s}]+)\s*\}\}"#)

    private let edges: [String: Set<String>]

    init(_ templates: [String: String]) {
        edges = templates.mapValues { text in
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return Set(
                Self.tag.matches(in: text, range: range).compactMap { match in
                    Range(match.range(at: 1), in: text).map { String(text[$0]) }
                })
        }
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
