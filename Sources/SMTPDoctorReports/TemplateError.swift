/// A template folder that cannot be used.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the folder or one of its templates, and what to do.
    public var message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
