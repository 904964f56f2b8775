/// A place in a knowledge-base file, for messages of the form `file:line: message`.
public struct SourceLocation: Sendable, Hashable {
    /// The file as the user should see it, such as `Rules/diagnoses/auth.yaml`.
    public var file: String
    /// The line, counted from 1.
    public var line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

// MARK: - CustomStringConvertible

extension SourceLocation: CustomStringConvertible {
    public var description: String { "\(file):\(line)" }
}
