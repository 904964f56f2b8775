import Hummingbird
import NIOCore

/// The request context of `serve`: Hummingbird's core storage and the client's address, for rate limits and the
/// access log.
public struct ServeRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, or `local` when there is none (a test channel).
    var clientAddress: String { remoteAddress?.ipAddress ?? "local" }
}
