import CZlib

/// The decompressed bytes of a gzip stream (`mail.log.2.gz`), inflated chunk by chunk with the system zlib.
///
/// Rotated logs concatenated into one file give several gzip members; each is inflated in turn. A stream that ends
/// before its last member is complete is reported through `wasTruncated`, and what was inflated so far is kept.
final class GzipByteSource: ByteSource {
    private let source: any ByteSource
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var finished = false
    private var memberOpen = false
    private(set) var wasTruncated = false
    /// Why inflating stopped before the end of the stream, when the data was corrupt (zlib's message).
    private(set) var corruption: String?
    /// How many bytes were inflated.
    private(set) var inflatedBytes = 0

    /// The size of the compressed chunks read from the underlying source.
    static let chunkSize = 256 * 1024

    /// Wraps a source of gzip-compressed bytes.
    /// - Throws: `LogReadError.unreadable` when zlib cannot be initialised.
    init(_ source: any ByteSource, name: String) throws {
        self.source = source
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        // 15 window bits + 16 selects the gzip wrapper.
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw LogReadError.unreadable(path: name, reason: "zlib could not start (\(status))")
        }
        memberOpen = true
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    var storedBytesConsumed: Int { source.storedBytesConsumed }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                let count = try source.read(into: input)
                if count == 0 {
                    if memberOpen { wasTruncated = true }
                    finished = true
                    break
                }
                stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(count)
                if !memberOpen {
                    inflateReset(&stream)
                    memberOpen = true
                }
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                memberOpen = false
                if stream.avail_in > 0 {
                    inflateReset(&stream)
                    memberOpen = true
                }
                continue
            }
            if status == Z_BUF_ERROR && stream.avail_in == 0 { continue }
            if status != Z_OK {
                // Corrupt data: keep what was inflated and stop; the reader reports why.
                wasTruncated = true
                corruption = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                finished = true
                break
            }
        }
        let count = buffer.count - Int(stream.avail_out)
        inflatedBytes += count
        return count
    }
}
