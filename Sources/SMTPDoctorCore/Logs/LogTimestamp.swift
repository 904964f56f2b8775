/// A time as a log writes it, kept to the second; the year is unknown in classic syslog lines.
///
/// ```
/// May  1 06:06:57                 (syslog: no year)
/// 2026-05-01T06:06:57.291Z        (Exchange, RFC 5424 syslog)
/// 2026-05-01 06:06:57             (Exim)
/// 5/1/2026 6:06:57 AM             (Exchange Online message trace)
/// Thu, 1 May 2026 06:06:57 +0000  (RFC 5322, in DSNs)
/// ```
/// Times are compared as written; offsets from UTC are not applied.
public struct LogTimestamp: Sendable, Hashable, Comparable {
    /// The year, when the log gives it.
    public var year: Int?
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// Creates a timestamp from its parts.
    public init(year: Int?, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// ISO 8601: `2026-05-01T06:06:57`, or `--05-01T06:06:57` without a year.
    public var iso8601: String {
        let date = "\(year.map { pad($0, 4) } ?? "-")-\(pad(month, 2))-\(pad(day, 2))"
        return "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }

    /// The hour this time falls in, as a sortable key: `2026-05-01T06`.
    public var hourKey: String { String(iso8601.prefix(iso8601.count - 6)) }

    public static func < (lhs: LogTimestamp, rhs: LogTimestamp) -> Bool {
        (lhs.year ?? 0, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year ?? 0, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
