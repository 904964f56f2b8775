import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Resolves a host name to every A and AAAA address, with a timeout.
///
/// `getaddrinfo` blocks and cannot be cancelled, so it runs on NIO's thread pool, off the cooperative pool, and the
/// caller stops waiting when the timeout passes on the given clock or when its task is cancelled; a lookup left
/// behind finishes on its thread and its answer is dropped.
enum HostResolver {
    enum Failure: Error {
        case notFound
        case unavailable
        case timeout
        case failed(String)
    }

    /// A blocking lookup of a host name and port.
    typealias Lookup = @Sendable (_ host: String, _ port: Int) throws -> [SocketAddress]

    /// The addresses of `host` (an IP address, bracketed or not, is its own answer).
    /// - Parameters:
    ///   - timeout: how long to wait for the lookup, on `clock`.
    ///   - clock: the clock the timeout runs on; tests pass a manual one.
    ///   - lookup: the blocking lookup; `getaddrinfo` unless a test passes another.
    /// - Throws: ``Failure``, or `CancellationError` when the task is cancelled.
    static func resolve(
        _ host: String, port: Int, timeout: Duration, clock: any Clock<Duration>,
        lookup: @escaping Lookup = systemLookup
    ) async throws -> [SocketAddress] {
        let literal = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let address = try? SocketAddress(ipAddress: literal, port: port) { return [address] }
        return try await withThrowingTaskGroup(of: [SocketAddress].self) { group in
            group.addTask { try await onThreadPool { try lookup(host, port) } }
            group.addTask {
                try await clock.sleep(for: timeout)
                throw Failure.timeout
            }
            defer { group.cancelAll() }
            guard let addresses = try await group.next() else { throw CancellationError() }
            return addresses
        }
    }

    /// The addresses of `host`, with the timeout on the continuous clock.
    static func resolve(_ host: String, port: Int, timeout: Duration) async throws -> [SocketAddress] {
        try await resolve(host, port: port, timeout: timeout, clock: ContinuousClock())
    }

    /// Runs `work` on NIO's thread pool; stops waiting for it, with `CancellationError`, when the task is cancelled.
    private static func onThreadPool(
        _ work: @escaping @Sendable () throws -> [SocketAddress]
    ) async throws -> [SocketAddress] {
        let outcome = NIOLockedValueBox<Outcome>(.waiting)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<[SocketAddress], any Error>) in
                let cancelled = outcome.withLockedValue { state -> Bool in
                    if case .cancelled = state { return true }
                    state = .started(continuation)
                    return false
                }
                if cancelled {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                NIOThreadPool.singleton.submit { _ in
                    let result = Result { try work() }
                    outcome.take()?.resume(with: result)
                }
            }
        } onCancel: {
            outcome.take()?.resume(throwing: CancellationError())
        }
    }

    /// Where a lookup on the thread pool stands: whoever takes the continuation first resumes it.
    fileprivate enum Outcome {
        case waiting
        case started(CheckedContinuation<[SocketAddress], any Error>)
        case cancelled
        case finished
    }

    static let systemLookup: Lookup = { host, port in try lookup(host, port: port) }

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

extension NIOLockedValueBox<HostResolver.Outcome> {
    /// The waiting continuation, once: marks the lookup finished, or cancelled when it has not started yet.
    fileprivate func take() -> CheckedContinuation<[SocketAddress], any Error>? {
        withLockedValue { state in
            switch state {
            case .started(let continuation):
                state = .finished
                return continuation
            case .waiting:
                state = .cancelled
                return nil
            case .cancelled, .finished:
                return nil
            }
        }
    }
}
