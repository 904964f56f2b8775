extension Duration {
    /// The duration in whole milliseconds, as the probe's reports show step latencies.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
