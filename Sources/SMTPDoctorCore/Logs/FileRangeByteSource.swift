/// The bytes of one range of a regular file, read with `pread(2)`, so that several ranges of the same file can be
/// read at once from different threads.
final class FileRangeByteSource: ByteSource {
    private let file: PositionalFileReader
    private var offset: Int
    private let end: Int
    private(set) var storedBytesConsumed = 0
    let wasTruncated = false

    /// The bytes of `file` in `range`.
    init(_ file: PositionalFileReader, range: Range<Int>) {
        self.file = file
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = min(buffer.count, end - offset)
        guard wanted > 0 else { return 0 }
        let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), at: offset)
        offset += count
        storedBytesConsumed += count
        return count
    }
}
