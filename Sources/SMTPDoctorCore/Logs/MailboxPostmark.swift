/// The `From ` line that starts a message of an mbox file: `From sender Thu Jul  2 12:05:05 2020` (the sender, then
/// the date as C's `asctime` writes it, RFC 4155).
///
/// The mailbox reader splits at a `From ` line after an empty line, as mbox readers do. A file whose messages were
/// appended without that empty line (the previous one ends with its closing MIME boundary) is split too when the
/// line has this form: a body line starting with "From " does not go on with a sender and an `asctime` date.
enum MailboxPostmark {
    /// Three-letter day names of `asctime`.
    private static let days: Set<String> = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    /// Three-letter month names of `asctime`.
    private static let months: Set<String> = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Whether a line is `From `, a sender without white space, a day name, a month name, the day of the month and a
    /// time `hh:mm:ss`.
    static func isPostmark(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.count < 200, line.hasBytes("From ", at: 0) else { return false }
        let words = line.dropFirst(5).split { $0 == 0x20 || $0 == 0x09 }.map { String(decoding: $0, as: UTF8.self) }
        guard words.count >= 5 else { return false }
        let time = words[4].split(separator: ":")
        return days.contains(words[1]) && months.contains(words[2]) && words[3].allSatisfy(\.isASCIIDigit)
            && time.count == 3 && time.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    /// Whether the character is one of the ASCII digits 0 to 9.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
