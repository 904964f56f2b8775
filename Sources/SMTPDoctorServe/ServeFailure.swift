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

    /// A result that could not be rendered (``RenderError``): a fault of the server, told without its detail.
    static let unrenderable = ServeFailure(
        .internalServerError, "The result could not be written out; this is a fault in smtp-doctor, not in the request."
    )
}
