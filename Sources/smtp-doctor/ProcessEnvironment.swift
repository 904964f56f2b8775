import Foundation

/// The program's environment variables, read once.
///
/// `ProcessInfo.environment` builds a new dictionary of every variable on each call, and one `diagnose` asked for it
/// three or four times (configuration, colour, pager), about 0.3 million instructions each. The program sets no
/// variable, so the dictionary it started with stays right.
enum ProcessEnvironment {
    /// The variables the process started with.
    static let variables: [String: String] = ProcessInfo.processInfo.environment
}
