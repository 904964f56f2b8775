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
    public var iso8601: String { String(decoding: iso8601Bytes, as: UTF8.self) }

    /// The hour this time falls in, as a sortable key: `2026-05-01T06`.
    public var hourKey: String { String(decoding: iso8601Bytes.dropLast(6), as: UTF8.self) }

    /// `iso8601` as bytes, written without string interpolation: the log reader asks for every failure's hour.
    private var iso8601Bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        if let year { Self.append(year, width: 4, to: &bytes) } else { bytes.append(UInt8(ascii: "-")) }
        bytes.append(UInt8(ascii: "-"))
        Self.append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Self.append(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        Self.append(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.append(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.append(second, width: 2, to: &bytes)
        return bytes
    }

    public static func < (lhs: LogTimestamp, rhs: LogTimestamp) -> Bool {
        (lhs.year ?? 0, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year ?? 0, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    /// Appends the decimal digits of `value`, with zeros before them up to `width` characters.
    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        let digits = String(value).utf8
        if digits.count < width {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
        }
        bytes.append(contentsOf: digits)
    }
}
