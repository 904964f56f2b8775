import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Resolves a host name to every A and AAAA address, with a timeout.
///
/// `getaddrinfo` blocks and cannot be cancelled, so it runs on NIO's thread pool and the caller stops waiting when
/// the timeout passes.
enum HostResolver {
    enum Failure: Error {
        case notFound
        case unavailable
        case timeout
        case failed(String)
    }

    static func resolve(_ host: String, port: Int, timeout: Duration) async throws -> [SocketAddress] {
        let literal = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let address = try? SocketAddress(ipAddress: literal, port: port) { return [address] }
        let once = NIOLockedValueBox(false)
        return try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<[SocketAddress], Error>) in
            let finish: @Sendable (Result<[SocketAddress], Error>) -> Void = { result in
                let first = once.withLockedValue { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
            }
            NIOThreadPool.singleton.submit { _ in finish(Result { try lookup(host, port: port) }) }
            let (seconds, attoseconds) = timeout.components
            let deadline = DispatchTime.now() + .nanoseconds(Int(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
            DispatchQueue.global().asyncAfter(deadline: deadline) { finish(.failure(Failure.timeout)) }
        }
    }

    private static func lookup(_ host: String, port: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0 else {
            switch status {
            case EAI_NONAME: throw Failure.notFound
            case EAI_AGAIN: throw Failure.unavailable
            default:
                throw Failure.failed(String(cString: gai_strerror(status)))
            }
        }
        defer { freeaddrinfo(result) }
        var addresses: [SocketAddress] = []
        var cursor = result
        while let info = cursor?.pointee {
            defer { cursor = info.ai_next }
            guard let pointer = info.ai_addr else { continue }
            let address: SocketAddress?
            switch Int32(info.ai_family) {
            case AF_INET:
                address = pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    SocketAddress($0.pointee, host: host)
                }
            case AF_INET6:
                address = pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    SocketAddress($0.pointee, host: host)
                }
            default:
                address = nil
            }
            if let address, !addresses.contains(address) { addresses.append(address) }
        }
        guard !addresses.isEmpty else { throw Failure.notFound }
        return addresses
    }
}
