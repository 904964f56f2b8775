/// Splits a regular file into ranges of about a given size that each start at the beginning of a line, so that the
/// ranges can be read and parsed apart (and at once) and still give every line whole, exactly once.
enum LineAlignedChunks {
    /// How much is read at a time while looking for the end of the line that crosses a border.
    private static let probeSize = 4096

    /// The ranges of `file` between `start` and `end`, in order, each about `size` bytes and ending just after a
    /// line feed (the last one ends at `end`). A line longer than `size` makes its range longer.
    /// - Throws: what reading the file throws.
    static func ranges(of file: FileByteSource, from start: Int, to end: Int, size: Int) throws -> [Range<Int>] {
        precondition(size > 0, "chunks have a size")
        var ranges: [Range<Int>] = []
        var lower = start
        let probe = UnsafeMutableRawBufferPointer.allocate(byteCount: probeSize, alignment: 16)
        defer { probe.deallocate() }
        while end - lower > size {
            // The line that holds the byte before the nominal border ends the range.
            guard let lineEnd = try lineFeed(in: file, from: lower + size - 1, to: end, probe: probe) else { break }
            let upper = lineEnd + 1
            guard upper < end else { break }
            ranges.append(lower..<upper)
            lower = upper
        }
        ranges.append(lower..<end)
        return ranges
    }

    /// The offset of the first line feed at or after `offset`, or nil when there is none before `end`.
    private static func lineFeed(
        in file: FileByteSource, from offset: Int, to end: Int, probe: UnsafeMutableRawBufferPointer
    ) throws -> Int? {
        var position = offset
        while position < end {
            let wanted = min(probe.count, end - position)
            let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: probe[..<wanted]), at: position)
            if count == 0 { return nil }
            if let index = UnsafeRawBufferPointer(rebasing: probe[..<count]).firstIndex(of: 0x0A) {
                return position + index
            }
            position += count
        }
        return nil
    }
}
