/// The documents of recent results, kept in memory so that a page can offer them for download.
///
/// A document holds no secret (probe transcripts are redacted before rendering, credentials are never part of a
/// report), results are addressed by an unguessable identifier, and only the newest ``capacity`` are kept.
actor ResultStore {
    /// One downloadable document.
    struct Document: Sendable {
        /// The name under `/results/ID/`, such as `report.html`.
        var name: String
        /// The label of its link, such as `HTML`.
        var label: String
        var contentType: String
        var text: String
    }

    /// One result's documents, and the file name they are saved under, such as `smtp-doctor-diagnosis`.
    struct Result: Sendable {
        var documents: [Document]
        var baseName: String
    }

    private let capacity: Int
    private var results: [String: Result] = [:]
    private var order: [String] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Keeps the documents and returns their identifier: 128 random bits.
    func keep(_ result: Result) -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<2).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
        results[id] = result
        order.append(id)
        while order.count > capacity { results[order.removeFirst()] = nil }
        return id
    }

    func result(for id: String) -> Result? { results[id] }
}

extension ResultStore.Document {
    static func html(_ text: String) -> Self {
        Self(name: "report.html", label: "HTML", contentType: "text/html; charset=utf-8", text: text)
    }

    static func markdown(_ text: String) -> Self {
        Self(name: "report.md", label: "Markdown", contentType: "text/markdown; charset=utf-8", text: text)
    }

    static func json(_ text: String) -> Self {
        Self(name: "report.json", label: "JSON", contentType: "application/json; charset=utf-8", text: text)
    }

    static func text(_ text: String) -> Self {
        Self(name: "report.txt", label: "Text", contentType: "text/plain; charset=utf-8", text: text)
    }

    /// The extension of the saved file, such as `.html`.
    var fileExtension: String { name.drop { $0 != "." }.description }
}
