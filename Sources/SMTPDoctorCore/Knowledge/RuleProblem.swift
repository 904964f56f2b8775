/// One thing wrong with a knowledge base, reported as `file:line: message`.
public struct RuleProblem: Error, Sendable, Hashable {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong and, where it helps, what to do.
    public var message: String

    /// Creates a problem report.
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }
}

// MARK: - CustomStringConvertible

extension RuleProblem: CustomStringConvertible {
    public var description: String { "\(location): \(message)" }
}
