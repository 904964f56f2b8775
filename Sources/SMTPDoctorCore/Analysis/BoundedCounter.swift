/// Counts occurrences of keys, keeping at most `capacity` distinct keys; later new keys are counted as `other`.
///
/// The keys seen first in a log are kept exactly, so the counts of a few busy domains or relays stay exact while a
/// log with millions of distinct keys still takes bounded memory.
public struct BoundedCounter: Sendable, Hashable {
    /// The counts of the keys kept.
    public private(set) var counts: [String: Int] = [:]
    /// Occurrences of keys that did not fit.
    public private(set) var other = 0
    /// How many distinct keys are kept.
    public let capacity: Int

    /// Creates an empty counter.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Counts one occurrence of `key`.
    public mutating func add(_ key: String) {
        if let index = counts.index(forKey: key) {
            counts.values[index] += 1
        } else if counts.count < capacity {
            counts[key] = 1
        } else {
            other += 1
        }
    }

    /// The `limit` most frequent keys, most frequent first (ties by key).
    public func top(_ limit: Int) -> [(key: String, count: Int)] {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map { ($0.key, $0.value) }
    }
}
