/// What reading the inputs found besides failures: sizes, counts, and every problem, counted rather than fatal.
public struct InputStatistics: Sendable, Hashable {
    /// Files and standard-input streams read.
    public var inputs = 0
    /// Bytes read as stored (compressed bytes for gzip files).
    public var bytesRead = 0
    /// Lines read (after decompression), in line-based formats.
    public var lines = 0
    /// Email messages read (files in folders, messages in mbox).
    public var messages = 0
    /// Failure events found.
    public var events = 0
    /// How many inputs of each format were read.
    public var formats: [LogFormat: Int] = [:]
    /// Lines that looked like a failure record of the format but could not be parsed.
    public var malformedLines = 0
    /// Lines or messages with bytes that are not UTF-8 (decoded with replacement characters).
    public var invalidUTF8 = 0
    /// Lines longer than the limit, skipped.
    public var overlongLines = 0
    /// Inputs that ended in the middle of a line, a gzip stream or a message.
    public var truncatedInputs = 0
    /// Inputs whose format was not recognised, skipped.
    public var unrecognisedInputs: [String] = []
    /// Inputs that could not be read, with the reason: missing files, folders that cannot be listed, corrupt gzip.
    public var unreadableInputs: [String] = []
    /// Inputs that hold nothing to read (an empty file, a gzip file of nothing, a folder without files).
    public var emptyInputs: [String] = []
    /// Messages read that were not bounces (no failure found in them).
    public var messagesWithoutFailure = 0
    /// Those messages by what they were: automatic replies, feedback reports, success notices, others.
    public var nonFailureMessages: [NonFailureMessage: Int] = [:]
    /// Messages delivered or accepted, by side: Postfix `status=sent` of its SMTP client (outbound), and the
    /// `client=` record of each message its SMTP server accepts (inbound; submission on a submission service or
    /// with a `sasl_username`).
    public var delivered: [TrafficSide: Int] = [:]

    /// Creates empty statistics.
    public init() {}

    /// Whether any input problem was counted.
    public var hasProblems: Bool {
        malformedLines + invalidUTF8 + overlongLines + truncatedInputs + unrecognisedInputs.count
            + unreadableInputs.count + emptyInputs.count > 0
    }
}

extension InputStatistics {
    /// Whether some input could not be read at all, so that "no failures found" does not speak for it.
    public var hasUnreadableInputs: Bool { !unreadableInputs.isEmpty }

    /// One line per input that was skipped, unreadable first: `unreadable: /var/log/mail.log.2.gz: corrupt gzip …`.
    public func skippedInputs(limit: Int) -> [String] {
        let all =
            unreadableInputs.map { "unreadable: \($0)" } + emptyInputs.map { "empty: \($0)" }
            + unrecognisedInputs.map { "not recognised: \($0)" }
        return all.count > limit ? Array(all.prefix(limit)) + ["… \(all.count - limit) more"] : all
    }
}

extension InputStatistics {
    /// Adds the line counts of one piece of a log (lines, problems found in lines, deliveries and events).
    mutating func addCounts(of piece: InputStatistics) {
        lines += piece.lines
        events += piece.events
        malformedLines += piece.malformedLines
        invalidUTF8 += piece.invalidUTF8
        overlongLines += piece.overlongLines
        truncatedInputs += piece.truncatedInputs
        delivered.merge(piece.delivered, uniquingKeysWith: +)
    }
}

extension InputStatistics {
    /// Adds everything counted while reading other inputs, as if they had been read after these.
    mutating func add(_ other: InputStatistics) {
        inputs += other.inputs
        bytesRead += other.bytesRead
        messages += other.messages
        formats.merge(other.formats, uniquingKeysWith: +)
        unrecognisedInputs += other.unrecognisedInputs
        unreadableInputs += other.unreadableInputs
        emptyInputs += other.emptyInputs
        messagesWithoutFailure += other.messagesWithoutFailure
        nonFailureMessages.merge(other.nonFailureMessages, uniquingKeysWith: +)
        addCounts(of: other)
    }
}
