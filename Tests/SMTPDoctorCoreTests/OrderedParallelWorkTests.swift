import Dispatch
import Synchronization
import Testing

@testable import SMTPDoctorCore

/// Work spread over threads comes back in item order, each item worked on once, and the calling thread works
/// instead of waiting when no other thread can.
@Suite struct OrderedParallelWorkTests {
    /// How many times each item was worked on.
    private final class Tally: Sendable {
        private let counts: Mutex<[Int: Int]> = Mutex([:])

        func record(_ item: Int) { counts.withLock { $0[item, default: 0] += 1 } }
        var all: [Int: Int] { counts.withLock { $0 } }
    }

    @Test(arguments: [1, 2, 5, 64])
    func resultsComeInItemOrderAndEachItemIsWorkedOnOnce(window: Int) {
        let tally = Tally()
        var consumed: [(Int, Int)] = []
        OrderedParallelWork.run(
            count: 200, window: window,
            work: { item in
                tally.record(item)
                return item * item
            },
            consume: { consumed.append(($0, $1)) })
        #expect(consumed.map(\.0) == Array(0..<200))
        #expect(consumed.allSatisfy { $0.1 == $0.0 * $0.0 })
        #expect(tally.all == Dictionary(uniqueKeysWithValues: (0..<200).map { ($0, 1) }))
    }

    /// With the queue held still, no thread but the caller can work: every item is still worked on and consumed,
    /// on the calling thread; the blocks sent to the queue find their items taken once it runs again.
    @Test func theCallerWorksOnEveryItemWhenTheQueueCannot() {
        let queue = DispatchQueue(label: "held")
        queue.suspend()
        let tally = Tally()
        var consumed: [Int] = []
        OrderedParallelWork.run(
            count: 20, window: 4, queue: queue,
            work: { item in
                tally.record(item)
                return item
            },
            consume: { _, output in consumed.append(output) })
        queue.resume()
        queue.sync {}
        #expect(consumed == Array(0..<20))
        #expect(tally.all == Dictionary(uniqueKeysWithValues: (0..<20).map { ($0, 1) }))
    }
}
