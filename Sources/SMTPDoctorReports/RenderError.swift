import Foundation

/// An output that could not be produced: a value JSON cannot hold (a non-finite number) or a template that is not
/// there. The message names the document or template and, for JSON, the field.
public struct RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What could not be rendered, and why.
    public let message: String

    /// `what` (such as "the diagnosis") could not be written as JSON.
    init(encoding what: String, _ error: any Error) {
        var reason = "\(error)"
        if case EncodingError.invalidValue(let value, let context) = error {
            let field = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            reason = "\(field.isEmpty ? "the value" : field.joined(separator: ".")) is \(value), which JSON cannot hold"
        }
        message = "cannot write \(what) as JSON: \(reason)"
    }

    /// The template `name` (without `.mustache`) is not in the library.
    init(missingTemplate name: String) {
        message = "there is no template \(name).mustache to render"
    }

    /// `what` was not given the document it needs for the Markdown and HTML formats.
    init(missingDocument what: String) {
        message = "there is no document of \(what) to render"
    }

    public var description: String { message }

    /// `value` as JSON text with sorted keys and unescaped slashes, pretty-printed unless `compact`.
    ///
    /// - Throws: ``RenderError`` naming `what` and the field when a value cannot be encoded.
    static func json(_ value: some Encodable, naming what: String, compact: Bool = false) throws(RenderError)
        -> String
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw RenderError(encoding: what, error)
        }
    }
}
