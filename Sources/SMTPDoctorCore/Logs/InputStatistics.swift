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
    /// Inputs that could not be read, with the reason.
    public var unreadableInputs: [String] = []
    /// Messages read that were not bounces (no failure found in them).
    public var messagesWithoutFailure = 0

    /// Creates empty statistics.
    public init() {}

    /// Whether any input problem was counted.
    public var hasProblems: Bool {
        malformedLines + invalidUTF8 + overlongLines + truncatedInputs + unrecognisedInputs.count
            + unreadableInputs.count > 0
    }
}
