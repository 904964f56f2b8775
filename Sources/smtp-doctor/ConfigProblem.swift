/// Something wrong in a configuration file, reported as `file:line: message`.
struct ConfigProblem: Error, Equatable, CustomStringConvertible {
    /// The file's path.
    let path: String
    /// The line, counted from 1; 0 for a problem that is not in a file (an environment variable).
    let line: Int
    /// What is wrong and what to do.
    let message: String

    init(path: String, line: Int, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    var description: String { line > 0 ? "\(path):\(line): \(message)" : message }
}
