import Foundation

extension LogTimestamp {
    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// Parses the time at the start of `bytes` in any of the layouts this type documents.
    /// - Returns: the time and how many bytes it took, or nil when none is there.
    static func parse(prefixOf bytes: UnsafeRawBufferPointer) -> (LogTimestamp, Int)? {
        var scanner = ByteScanner(bytes)
        if let time = scanner.isoDateTime() { return (time, scanner.position) }
        scanner = ByteScanner(bytes)
        if let time = scanner.syslogDateTime() { return (time, scanner.position) }
        return nil
    }

    /// Parses a whole field: ISO 8601, US `M/D/YYYY h:mm:ss AM`, or RFC 5322 `Thu, 1 May 2026 06:06:57 +0000`.
    public static func parse(_ text: String) -> LogTimestamp? {
        var copy = text.trimmingCharacters(in: .whitespaces)
        return copy.withUTF8 { utf8 -> LogTimestamp? in
            let bytes = UnsafeRawBufferPointer(utf8)
            var scanner = ByteScanner(bytes)
            if let time = scanner.isoDateTime() { return time }
            scanner = ByteScanner(bytes)
            if let time = scanner.usDateTime() { return time }
            scanner = ByteScanner(bytes)
            if let time = scanner.rfc5322DateTime() { return time }
            scanner = ByteScanner(bytes)
            return scanner.syslogDateTime()
        }
    }

    /// The number of a three-letter English month name, 1…12.
    static func month(named name: some StringProtocol) -> Int? {
        monthNames.firstIndex(of: name.prefix(3).lowercased()).map { $0 + 1 }
    }
}
