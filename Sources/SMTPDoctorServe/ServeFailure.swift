import HTTPTypes

/// A request that cannot be answered as asked: the status and a message that says what to change.
///
/// The message never repeats a secret; it may name a field and quote a harmless value, which pages escape.
struct ServeFailure: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
