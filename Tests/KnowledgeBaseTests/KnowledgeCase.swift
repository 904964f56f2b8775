import Foundation
import Testing
import Yams

/// One row of the knowledge suite: an input and the diagnosis it must rank first.
///
/// ```yaml
/// - error: "host mx.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: User unknown (in reply to RCPT TO command)"
///   expect: recipient.unknown-user
///   category: recipient
/// - facts: { probe.tcp: refused, config.port: 587 }
///   expect: connection.probe-port-refused
///   category: connection
/// ```
struct KnowledgeCase: Sendable, CustomTestStringConvertible {
    var file: String
    var line: Int
    var error: String?
    var provider: String?
    var symptoms: [String]
    /// Facts given directly, as a probe or an interview answer would give them: name → value as written.
    var facts: [String: String] = [:]
    var expect: String
    var category: String

    var testDescription: String { "\(file):\(line) → \(expect)" }

    /// The folder of case files beside this source file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    /// Every case of every file in `Cases/`, or one failing case per file that cannot be read.
    static let all: [KnowledgeCase] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.sorted().flatMap { name in
            read(folder.appendingPathComponent(name), name: name)
        }
    }()

    private static func read(_ url: URL, name: String) -> [KnowledgeCase] {
        func broken(_ why: String, line: Int = 0) -> KnowledgeCase {
            KnowledgeCase(file: name, line: line, symptoms: [], expect: "(unreadable case: \(why))", category: "")
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [broken("not UTF-8")] }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return [] }
            root = node
        } catch {
            return [broken("\(error)")]
        }
        guard case .sequence(let items) = root else { return [broken("a case file is a list")] }
        return items.map { item in
            let line = item.mark?.line ?? 0
            guard let expect = item["expect"]?.string, let category = item["category"]?.string else {
                return broken("missing expect or category", line: line)
            }
            return KnowledgeCase(
                file: name, line: line, error: item["error"]?.string, provider: item["provider"]?.string,
                symptoms: item["symptoms"]?.sequence?.compactMap(\.string) ?? [],
                facts: Dictionary(
                    (item["facts"]?.mapping ?? [:]).compactMap { key, value in
                        key.string.flatMap { name in value.string.map { (name, $0) } }
                    }, uniquingKeysWith: { first, _ in first }),
                expect: expect, category: category)
        }
    }
}
