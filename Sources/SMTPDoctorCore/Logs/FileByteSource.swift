#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a file or of standard input, read with `read(2)` as they arrive.
///
/// Reading standard input returns whatever is available, so `tail -F log | smtp-doctor analyze -` sees each line
/// as soon as it is written.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private(set) var storedBytesConsumed = 0
    let wasTruncated = false

    /// Opens a file for reading.
    /// - Throws: `LogReadError.unreadable` when the file cannot be opened.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw LogReadError.unreadable(path: path, reason: Self.describeErrno()) }
        self.descriptor = descriptor
        self.ownsDescriptor = true
    }

    /// Reads an already open descriptor, such as standard input, without closing it.
    init(descriptor: Int32) {
        self.descriptor = descriptor
        self.ownsDescriptor = false
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = systemRead(descriptor, base, buffer.count)
            if count >= 0 {
                storedBytesConsumed += count
                return count
            }
            if errno == EINTR { continue }
            throw LogReadError.unreadable(path: "descriptor \(descriptor)", reason: Self.describeErrno())
        }
    }

    /// The size of a regular file, or nil for a pipe, a terminal or anything else that is read as a stream.
    var regularFileSize: Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Reads of this file at given offsets, for threads that read pieces of it at once; valid while this source is.
    var positionalReader: PositionalFileReader { PositionalFileReader(descriptor: descriptor) }

    /// Reads bytes at `offset` with `pread(2)`, without moving the file position or counting them as consumed.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        try positionalReader.read(into: buffer, at: offset)
    }

    /// Counts the bytes before `offset` as consumed, once they were read with `read(into:at:)`.
    func countConsumed(through offset: Int) {
        storedBytesConsumed = max(storedBytesConsumed, offset)
    }

    fileprivate static func describeErrno() -> String {
        String(cString: strerror(errno))
    }
}

/// Reads of an open file at given offsets with `pread(2)`: no file position and no count, so several threads can
/// read through copies of it at once, while the ``FileByteSource`` that owns the descriptor is alive.
struct PositionalFileReader: Sendable {
    fileprivate let descriptor: Int32

    /// Reads bytes at `offset`, without moving the file position.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = pread(descriptor, base, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw LogReadError.unreadable(path: "descriptor \(descriptor)", reason: FileByteSource.describeErrno())
        }
    }
}

/// `read(2)`, named apart from `FileByteSource.read(into:)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
