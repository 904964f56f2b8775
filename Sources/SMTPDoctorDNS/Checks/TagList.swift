/// A `tag=value; tag=value` list as DKIM and DMARC records write them.
struct TagList: Sendable, Hashable {
    /// The tags in order, names lower-cased, values trimmed.
    var tags: [(name: String, value: String)]
    /// A tag that appears twice, if any.
    var duplicate: String?

    init(_ text: String) {
        tags = []
        var seen: Set<String> = []
        for part in text.split(separator: ";") {
            let trimmed = part.trimmingWhitespace
            guard !trimmed.isEmpty else { continue }
            let pieces = trimmed.split(separator: "=", maxSplits: 1)
            let name = pieces[0].trimmingWhitespace.lowercased()
            let value = pieces.count > 1 ? pieces[1].trimmingWhitespace : ""
            if !seen.insert(name).inserted, duplicate == nil { duplicate = name }
            tags.append((name, value))
        }
    }

    subscript(_ name: String) -> String? { tags.first { $0.name == name }?.value }

    static func == (lhs: TagList, rhs: TagList) -> Bool {
        lhs.tags.map(\.name) == rhs.tags.map(\.name) && lhs.tags.map(\.value) == rhs.tags.map(\.value)
    }

    func hash(into hasher: inout Hasher) {
        for tag in tags { hasher.combine(tag.name) }
    }
}

extension StringProtocol {
    /// The text without spaces and tabs at either end.
    var trimmingWhitespace: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
