/// Something that hands out the bytes of an input in chunks: a file, standard input, or a gzip stream over one.
///
/// Readers never hold a whole input; they pull one chunk at a time, so memory stays bounded whatever the size.
protocol ByteSource: AnyObject {
    /// Fills the start of `buffer` and returns how many bytes were written; 0 at the end of the input.
    /// - Throws: `LogReadError` when the input cannot be read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// How many bytes of the input as stored (compressed, for gzip) have been consumed so far.
    var storedBytesConsumed: Int { get }
    /// Whether the input ended before its structure said it would (a gzip stream cut short).
    var wasTruncated: Bool { get }
}
