import Foundation

/// One SMTP reply with all of its lines.
///
/// ```
/// 250-mail.example.com Hello
/// 250-STARTTLS
/// 250 AUTH PLAIN LOGIN
/// ```
/// is one reply with code 250 and three lines: `mail.example.com Hello`, `STARTTLS`, `AUTH PLAIN LOGIN`.
public struct SMTPReply: Sendable, Hashable {
    /// The three-digit reply code.
    public var code: Int
    /// The text of each line, after the code and its separator.
    public var lines: [String]

    /// Creates a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines.isEmpty ? [""] : lines
    }

    /// Whether the reply is a positive completion or intermediate reply (2yz or 3yz).
    public var isPositive: Bool { (200..<400).contains(code) }

    /// The RFC 3463 enhanced status code at the start of the first line, such as `5.7.8`.
    public var enhanced: String? {
        guard let first = lines.first else { return nil }
        let word = first.prefix { !$0.isWhitespace }
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let head = parts[0].first, "245".contains(head), parts[0].count == 1,
            parts.dropFirst().allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isNumber) }),
            String(head) == String(code / 100)
        else { return nil }
        return String(word)
    }

    /// The text of all lines joined by spaces, without the enhanced code of each line.
    public var text: String {
        let enhanced = self.enhanced
        return lines.map { line -> String in
            if let enhanced, line.hasPrefix(enhanced) {
                return String(line.dropFirst(enhanced.count)).trimmingCharacters(in: .whitespaces)
            }
            return line
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The reply as the server sent it, one string per line.
    public var wireLines: [String] {
        lines.enumerated().map { index, line in
            let separator = index == lines.count - 1 ? " " : "-"
            return line.isEmpty && index == lines.count - 1 ? "\(code)" : "\(code)\(separator)\(line)"
        }
    }

    /// The reply on one line, as a user would paste it: `535 5.7.8 Authentication credentials invalid`.
    public var summary: String {
        "\(code) " + lines.joined(separator: " ")
    }
}
