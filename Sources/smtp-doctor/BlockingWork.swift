import Dispatch

/// Runs blocking work — a password prompt, a read of standard input, a FIFO or a file — on a Dispatch thread, so that
/// it never holds one of the few threads of Swift's cooperative pool while it waits.
enum BlockingWork {
    /// The value of `work`, computed off the cooperative pool.
    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
