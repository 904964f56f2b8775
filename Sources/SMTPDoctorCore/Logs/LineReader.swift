#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte source into lines without ever holding more than one chunk and one line.
///
/// Lines end in LF (a CR before it is dropped). A line longer than `maximumLineLength` is skipped to its end and
/// counted; a last line without its LF is still handed out and counted, since it usually means the file was cut.
struct LineReader {
    /// Lines longer than this are absurd for a mail log and are skipped.
    static let defaultMaximumLineLength = 64 * 1024
    /// How much is read at a time.
    static let chunkSize = 1 << 20

    /// What the reader saw besides the lines themselves.
    struct Counts {
        var lines = 0
        var overlongLines = 0
        var unterminatedLastLine = false
    }

    let maximumLineLength: Int

    /// Creates a reader.
    init(maximumLineLength: Int = Self.defaultMaximumLineLength) {
        self.maximumLineLength = maximumLineLength
    }

    /// Calls `body` with each line (without its line ending) and `afterChunk` after each chunk.
    /// - Parameters:
    ///   - source: where the bytes come from.
    ///   - body: receives the bytes of one line; they are valid only during the call. Returns false to stop.
    ///   - afterChunk: called after each chunk, for progress reports.
    /// - Returns: the counts.
    /// - Throws: what the source throws.
    func forEachLine(
        in source: any ByteSource, _ body: (UnsafeRawBufferPointer) -> Bool, afterChunk: () -> Void = {}
    ) throws -> Counts {
        var counts = Counts()
        let capacity = Self.chunkSize + maximumLineLength
        let base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { base.deallocate() }
        let buffer = UnsafeMutableRawBufferPointer(start: base, count: capacity)
        var kept = 0  // bytes of an unfinished line at the start of the buffer
        var skipping = false  // inside an overlong line, dropping bytes until its end
        while true {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(start: base + kept, count: capacity - kept))
            if count == 0 { break }
            var start = 0
            let end = kept + count
            var scanFrom = kept
            while scanFrom < end {
                guard let found = memchr(base + scanFrom, 0x0A, end - scanFrom) else { break }
                let newline = base.distance(to: UnsafeMutableRawPointer(found))
                if skipping {
                    skipping = false
                } else {
                    var length = newline - start
                    if length > 0 && buffer[start + length - 1] == 0x0D { length -= 1 }
                    if length > maximumLineLength {
                        counts.overlongLines += 1
                    } else {
                        counts.lines += 1
                        if !body(UnsafeRawBufferPointer(start: base + start, count: length)) { return counts }
                    }
                }
                start = newline + 1
                scanFrom = start
            }
            kept = end - start
            if skipping {
                kept = 0
            } else if kept > maximumLineLength {
                counts.overlongLines += 1
                skipping = true
                kept = 0
            } else if kept > 0 && start > 0 {
                memmove(base, base + start, kept)
            }
            afterChunk()
        }
        if kept > 0 && !skipping {
            counts.lines += 1
            counts.unterminatedLastLine = true
            _ = body(UnsafeRawBufferPointer(start: base, count: kept))
        }
        return counts
    }
}
