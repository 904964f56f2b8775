extension ByteScanner {
    /// `2026-05-01T06:06:57…` or `2026-05-01 06:06:57…`; fractions and zones are skipped.
    mutating func isoDateTime() -> LogTimestamp? {
        guard let year = digits(4), skip(0x2D), let month = digits(2), skip(0x2D), let day = digits(2),
            skip(0x54) || skip(0x20), let hour = digits(2), skip(0x3A), let minute = digits(2), skip(0x3A),
            let second = digits(2)
        else { return nil }
        if skip(0x2E) || skip(0x2C) { _ = digitRun() }
        if !skip(0x5A), peek == 0x2B || peek == 0x2D {
            position += 1
            _ = digitRun()
            if skip(0x3A) { _ = digitRun() }
        }
        return LogTimestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `May  1 06:06:57` (classic syslog, no year).
    mutating func syslogDateTime() -> LogTimestamp? {
        guard let name = letters(), let month = LogTimestamp.month(named: name), name.count == 3 else { return nil }
        skipSpaces()
        guard let day = digitRun(), skip(0x20), let hour = digits(2), skip(0x3A), let minute = digits(2),
            skip(0x3A), let second = digits(2)
        else { return nil }
        return LogTimestamp(year: nil, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `5/1/2026 6:06:57 AM` (US, as PowerShell's Export-Csv writes dates) or `5/1/2026 18:06:57`.
    mutating func usDateTime() -> LogTimestamp? {
        guard let month = digitRun(), skip(0x2F), let day = digitRun(), skip(0x2F), let year = digits(4), skip(0x20),
            var hour = digitRun(), skip(0x3A), let minute = digits(2), skip(0x3A), let second = digits(2)
        else { return nil }
        skipSpaces()
        if let marker = letters()?.lowercased() {
            if marker == "pm" && hour < 12 { hour += 12 }
            if marker == "am" && hour == 12 { hour = 0 }
        }
        return LogTimestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `Thu, 1 May 2026 06:06:57 +0000` (RFC 5322; the day name is optional).
    mutating func rfc5322DateTime() -> LogTimestamp? {
        let mark = position
        if letters() != nil, skip(0x2C) { skipSpaces() } else { position = mark }
        guard let day = digitRun(), skip(0x20), let name = letters(), let month = LogTimestamp.month(named: name),
            skip(0x20), let year = digits(4), skip(0x20), let hour = digits(2), skip(0x3A), let minute = digits(2)
        else { return nil }
        let second = skip(0x3A) ? digits(2) ?? 0 : 0
        return LogTimestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
