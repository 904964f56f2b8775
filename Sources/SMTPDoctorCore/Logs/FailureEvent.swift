/// One delivery failure as a log line or a bounce message records it, before it is diagnosed.
///
/// Readers fill in what the format states structurally (time, status, recipient, relay, the SMTP stage of an
/// Exchange session); the failure `text` goes through `ErrorTextParser` like a pasted error, so the same rules
/// diagnose a pasted error, a log line and a bounce.
public struct FailureEvent: Sendable, Hashable {
    /// The format it was read from.
    public var format: LogFormat
    /// The input it was read from (a path, or `-` for standard input).
    public var input: String
    /// The line number in the input (for a message in a folder or mbox: the line it starts on).
    public var line: Int
    /// When it happened, if the log says.
    public var time: LogTimestamp?
    /// What became of the message.
    public var status: FailureStatus
    /// The recipient address, if the log names it.
    public var recipient: String?
    /// The envelope sender, if the log names it.
    public var sender: String?
    /// The host name of the other server (the relay for outgoing mail, the client for incoming), if known.
    public var remoteHost: String?
    /// Its IP address, if known.
    public var remoteIP: String?
    /// The SMTP stage, when the format records it apart from the text (Exchange protocol-log sessions).
    public var stage: String?
    /// Which way the mail was going: set from the status, refined by readers that know the service.
    public var side: TrafficSide
    /// The failure text given to the error-text parser: the reply, the status text or the DSN diagnostic.
    public var text: String
    /// The raw line (or the first lines of the message), shortened, for samples.
    public var sample: String

    /// Creates an event.
    public init(
        format: LogFormat, input: String, line: Int, time: LogTimestamp? = nil, status: FailureStatus,
        recipient: String? = nil, sender: String? = nil, remoteHost: String? = nil, remoteIP: String? = nil,
        stage: String? = nil, text: String, sample: String
    ) {
        self.format = format
        self.input = input
        self.line = line
        self.time = time
        self.status = status
        self.recipient = recipient
        self.sender = sender
        self.remoteHost = remoteHost
        self.remoteIP = remoteIP
        self.stage = stage
        self.side = TrafficSide(status: status)
        self.text = text
        self.sample = sample
    }

    /// The domain of the recipient address, lower-cased.
    public var recipientDomain: String? {
        guard let recipient else { return nil }
        let domain: String
        if ASCIIText.isASCII(recipient) {
            // One byte is one character: the last `@` byte is the last `@` character.
            guard let at = recipient.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
            domain = ASCIIText.lowercased(String(recipient[recipient.utf8.index(after: at)...]))
        } else {
            guard let at = recipient.lastIndex(of: "@") else { return nil }
            domain = recipient[recipient.index(after: at)...].lowercased()
        }
        return domain.isEmpty ? nil : domain
    }

    /// The relay: the remote host name, or its address when the name is unknown.
    public var relay: String? { remoteHost ?? remoteIP }

    /// `input:line`, for messages and samples.
    public var location: String { "\(input):\(line)" }

    /// Samples longer than this are shortened.
    public static let maximumSampleLength = 600
}
