/// An input that cannot be read at all. Problems inside an input (bad lines, bad bytes) are counted instead.
public enum LogReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder cannot be opened or read.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        }
    }
}
