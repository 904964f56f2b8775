import Dispatch
import Synchronization

/// Runs a piece of work for each of a number of items on every core and hands the results back on the calling
/// thread in item order, holding at most `window` results at a time (so memory stays bounded, whatever the count).
enum OrderedParallelWork {
    /// One result, filled by a worker and taken by the caller once `done` is signalled.
    private final class Slot<Output: Sendable>: Sendable {
        /// Set once by the worker before `done` is signalled; taken by the caller after waiting on it.
        let output = Mutex<Output?>(nil)
        let done = DispatchSemaphore(value: 0)
    }

    /// Calls `work` for the items `0..<count` concurrently and `consume` with each result, in order.
    /// - Parameters:
    ///   - count: how many items.
    ///   - window: how many items may be in work or waiting to be consumed at once (at least 1).
    ///   - work: the work for one item; runs on any thread.
    ///   - consume: receives each result on the calling thread, item 0 first.
    static func run<Output: Sendable>(
        count: Int, window: Int, work: @escaping @Sendable (Int) -> Output, consume: (Int, Output) -> Void
    ) {
        var slots: [Int: Slot<Output>] = [:]
        var submitted = 0
        for index in 0..<count {
            while submitted < count && submitted < index + max(window, 1) {
                let slot = Slot<Output>()
                let item = submitted
                slots[item] = slot
                DispatchQueue.global().async {
                    let output = work(item)
                    slot.output.withLock { $0 = output }
                    slot.done.signal()
                }
                submitted += 1
            }
            guard let slot = slots.removeValue(forKey: index) else { continue }
            slot.done.wait()
            if let output = slot.output.withLock({ $0.take() }) { consume(index, output) }
        }
    }
}
