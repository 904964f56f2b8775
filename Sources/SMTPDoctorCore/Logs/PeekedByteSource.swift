/// A byte source whose first bytes have already been read (to recognise the format) and are handed out again.
final class PeekedByteSource: ByteSource {
    private let source: any ByteSource
    private var peeked: [UInt8]
    private var offset = 0

    /// Reads the first bytes of `source`: up to `length` from a file, or only what one read returns from a stream
    /// (standard input fed by `tail -F` must not wait for more).
    init(_ source: any ByteSource, length: Int, stream: Bool) throws {
        self.source = source
        // Filled without zeroing it first: most inputs (a message, a short log) are far shorter than `length`.
        peeked = try [UInt8](unsafeUninitializedCapacity: length) { buffer, filled in
            while filled < length {
                let count = try source.read(
                    into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
                filled += count
                if count == 0 || stream { break }
            }
        }
    }

    /// The bytes read ahead.
    var prefix: [UInt8] { peeked }

    var storedBytesConsumed: Int { source.storedBytesConsumed }
    var wasTruncated: Bool { source.wasTruncated }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if offset < peeked.count {
            let count = min(buffer.count, peeked.count - offset)
            peeked.withUnsafeBytes { bytes in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
            }
            offset += count
            if offset == peeked.count { peeked = [] }
            return count
        }
        return try source.read(into: buffer)
    }
}
