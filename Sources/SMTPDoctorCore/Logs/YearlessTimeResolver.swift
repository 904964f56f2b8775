import Foundation

/// Gives classic syslog times (`May  1 06:06:57`, no year) the year they were most likely written in: the year of
/// the file's modification date (or of now, for standard input), or the year before for a day after that date —
/// a log rotated in January holds December's lines.
struct YearlessTimeResolver: Sendable {
    /// The date the input was last written, as year, month and day (UTC).
    let year: Int
    let month: Int
    let day: Int

    /// The resolver for an input: its modification date, or now when there is none.
    init(path: String?) {
        let modified = path.flatMap {
            try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date
        }
        self.init(reference: modified ?? Date())
    }

    /// The resolver for a reference date.
    init(reference: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: reference)
        year = parts.year ?? 1970
        month = parts.month ?? 1
        day = parts.day ?? 1
    }

    /// The time with a year; times that have one are unchanged.
    func resolve(_ time: LogTimestamp?) -> LogTimestamp? {
        guard var time, time.year == nil else { return time }
        time.year = (time.month, time.day) > (month, day) ? year - 1 : year
        return time
    }

    /// The event with its time given a year.
    func dated(_ event: FailureEvent) -> FailureEvent {
        guard let time = event.time, time.year == nil else { return event }
        var dated = event
        dated.time = resolve(time)
        return dated
    }
}
