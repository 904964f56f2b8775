import Foundation
import SMTPDoctorCore

/// Interview answers read from a YAML file, as facts whose source is `answer`.
///
/// The file maps declared fact names (`Rules/facts.yaml`) to values of their declared type, so answers given in
/// an interview, by hand or by another tool reach the engine as the interview's own answers would:
///
/// ```yaml
/// # smtp-doctor answers
/// client.auth.mechanism: oauth2
/// network.outbound-25-blocked: true
/// ```
enum AnswerFile {
    /// The facts the file states.
    ///
    /// - Throws: `CommandFailure` when the file cannot be read, is not a mapping, names an undeclared fact, or
    ///   gives a value of the wrong type.
    static func read(_ path: String, knowledgeBase: KnowledgeBase) throws -> [Fact] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the answers file \(path)", status: .unreadableInput)
        }
        let root: RuleNode?
        do {
            root = try RuleNode.parse(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw CommandFailure("\(path):\(error.line): \(error.message)", status: .unreadableInput)
        }
        guard case .mapping(let pairs, _) = root ?? .mapping([], line: 1) else {
            throw CommandFailure(
                "\(path):\(root?.line ?? 1): expected a mapping of fact names to values", status: .unreadableInput)
        }
        var seen: Set<String> = []
        var facts: [Fact] = []
        for pair in pairs.sorted(by: { $0.key < $1.key }) {
            guard seen.insert(pair.key).inserted else {
                throw CommandFailure("\(path):\(pair.keyLine): fact '\(pair.key)' is given twice", status: .usage)
            }
            guard let declaration = knowledgeBase.fact(named: pair.key) else {
                throw CommandFailure(
                    "\(path):\(pair.keyLine): fact '\(pair.key)' is not declared in the knowledge base", status: .usage)
            }
            guard case .scalar(let text, _) = pair.value, let value = value(text, for: declaration) else {
                let expected =
                    declaration.type == .enum
                    ? "one of \(declaration.values.joined(separator: ", "))" : "a \(declaration.type.rawValue)"
                throw CommandFailure("\(path):\(pair.value.line): fact '\(pair.key)' takes \(expected)", status: .usage)
            }
            facts.append(Fact(pair.key, value, source: FactSource(.answer)))
        }
        return facts
    }

    private static func value(_ text: String, for declaration: FactDeclaration) -> FactValue? {
        switch declaration.type {
        case .int: return Int(text).map(FactValue.int)
        case .bool:
            if ["true", "True", "TRUE"].contains(text) { return .bool(true) }
            if ["false", "False", "FALSE"].contains(text) { return .bool(false) }
            return nil
        case .string, .text:
            return .string(text)
        case .enum:
            guard declaration.values.contains(text) else { return nil }
            return .string(text)
        }
    }
}
