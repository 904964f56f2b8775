import Dispatch
import Synchronization

/// Runs a piece of work for each of a number of items on every core and hands the results back on the calling
/// thread in item order, holding at most `window` results at a time (so memory stays bounded, whatever the count).
///
/// The calling thread works too: rather than wait for the result it needs next, it takes on the items in the window
/// that no other thread has started, the awaited one first. The caller is often a thread of the same pool the
/// items are sent to, one the pool does not know is waiting, so without its help only the pool's other threads
/// would be working.
enum OrderedParallelWork {
    /// One item: worked on by whichever thread claims it first, its result taken by the caller once it is finished.
    private final class Slot<Output: Sendable>: Sendable {
        private let claimed = Atomic<Bool>(false)
        /// Set once by the thread that claimed the item, before `done` is signalled; taken by the caller.
        private let output = Mutex<Output?>(nil)
        private let done = DispatchSemaphore(value: 0)

        /// Whether a thread has finished the work and left its result (asked only before the result is taken).
        var isFinished: Bool { output.withLock { $0 != nil } }

        /// Runs `work` and keeps its result, unless another thread claimed the item first; whether it ran here.
        @discardableResult
        func runIfUnclaimed(_ work: () -> Output) -> Bool {
            guard !claimed.exchange(true, ordering: .acquiringAndReleasing) else { return false }
            let result = work()
            output.withLock { $0 = result }
            done.signal()
            return true
        }

        /// The result, once the thread that claimed the item has finished it.
        func takeResult() -> Output? {
            done.wait()
            return output.withLock { $0.take() }
        }
    }

    /// Calls `work` for the items `0..<count` concurrently and `consume` with each result, in order.
    /// - Parameters:
    ///   - count: how many items.
    ///   - window: how many items may be in work or waiting to be consumed at once (at least 1).
    ///   - queue: where the items are sent to be worked on besides the calling thread.
    ///   - work: the work for one item; runs on any thread, the calling one included.
    ///   - consume: receives each result on the calling thread, item 0 first.
    static func run<Output: Sendable>(
        count: Int, window: Int, queue: DispatchQueue = .global(), work: @escaping @Sendable (Int) -> Output,
        consume: (Int, Output) -> Void
    ) {
        var slots: [Int: Slot<Output>] = [:]
        var submitted = 0
        for index in 0..<count {
            while submitted < count && submitted < index + max(window, 1) {
                let slot = Slot<Output>()
                let item = submitted
                slots[item] = slot
                queue.async { slot.runIfUnclaimed { work(item) } }
                submitted += 1
            }
            guard let slot = slots.removeValue(forKey: index) else { continue }
            slot.runIfUnclaimed { work(index) }
            var later = index + 1
            while !slot.isFinished && later < submitted {
                slots[later]?.runIfUnclaimed { work(later) }
                later += 1
            }
            if let output = slot.takeResult() { consume(index, output) }
        }
    }
}
