import Foundation
import SMTPDoctorCore
import Yams

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
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw CommandFailure("\(path): not YAML: \(error)", status: .unreadableInput)
        }
        guard let mapping = loaded as? [String: Any] else {
            throw CommandFailure("\(path): expected a mapping of fact names to values", status: .unreadableInput)
        }
        return try mapping.keys.sorted().map { name in
            guard let declaration = knowledgeBase.fact(named: name) else {
                throw CommandFailure("\(path): fact '\(name)' is not declared in the knowledge base", status: .usage)
            }
            guard let value = value(mapping[name] as Any, for: declaration) else {
                let expected =
                    declaration.type == .enum
                    ? "one of \(declaration.values.joined(separator: ", "))" : "a \(declaration.type.rawValue)"
                throw CommandFailure("\(path): fact '\(name)' takes \(expected)", status: .usage)
            }
            return Fact(name, value, source: FactSource(.answer))
        }
    }

    private static func value(_ raw: Any, for declaration: FactDeclaration) -> FactValue? {
        switch declaration.type {
        case .int: return (raw as? Int).map(FactValue.int)
        case .bool: return (raw as? Bool).map(FactValue.bool)
        case .string, .text:
            if let text = raw as? String { return .string(text) }
            if let number = raw as? Int { return .string(String(number)) }
            return nil
        case .enum:
            guard let text = raw as? String, declaration.values.contains(text) else { return nil }
            return .string(text)
        }
    }
}
