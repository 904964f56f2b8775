/// The answers of an interview as its page carries them: how many there are, and the text of the hidden field that
/// sends them back with the next request.
public struct InterviewPageAnswers: Sendable {
    /// The number of questions answered so far.
    public var count: Int
    /// The encoded answers, as the hidden field holds them.
    public var field: String

    /// Creates the page's view of `count` answers encoded as `field`.
    public init(count: Int, field: String) {
        self.count = count
        self.field = field
    }
}
