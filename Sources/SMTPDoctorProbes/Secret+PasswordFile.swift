import Foundation

extension Secret {
    /// The most of a password file that is read: the secret is its first line, and no password is this long.
    public static let passwordFileLimit = 64 * 1024

    /// The secret in a password file: its first line, without the line ending (LF or CR LF).
    ///
    /// - Returns: `nil` when the first line is empty.
    public init?(passwordFile contents: Data) {
        var line = contents.prefix(Self.passwordFileLimit)
        if let end = line.firstIndex(of: UInt8(ascii: "\n")) { line = line[..<end] }
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        guard !line.isEmpty else { return nil }
        self.init(String(decoding: line, as: UTF8.self))
    }
}
