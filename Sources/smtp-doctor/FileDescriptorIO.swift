import Foundation

/// An `errno` value as its system message, so that failures name their cause ("No space left on device").
struct SystemError: Error, CustomStringConvertible {
    let code: Int32

    /// The current `errno`.
    static var current: SystemError { SystemError(code: errno) }

    var description: String { String(cString: strerror(code)) }
}

/// Writes whole buffers to a file descriptor, retrying short writes and interruptions.
struct FileDescriptorWriter {
    let descriptor: Int32

    /// A reader that went away is a write error (EPIPE), not a signal that ends the program without a word.
    private static let brokenPipeIsAnError: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// - Throws: ``SystemError`` when the descriptor is closed, the disk full, or the reader gone.
    func write(_ data: Data) throws(SystemError) {
        let failure = data.withUnsafeBytes { write($0) }
        if let failure { throw failure }
    }

    /// Writes the UTF-8 bytes of `text` as they are stored, without copying them into `Data` first (which asks the
    /// runtime whether a `String.UTF8View` is contiguous, a search of every conformance of the program).
    /// - Throws: ``SystemError`` when the descriptor is closed, the disk full, or the reader gone.
    func write(_ text: String) throws(SystemError) {
        var text = text
        let failure = text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
        if let failure { throw failure }
    }

    /// Writes every byte of `buffer`; the error that stopped it, if any.
    private func write(_ buffer: UnsafeRawBufferPointer) -> SystemError? {
        Self.brokenPipeIsAnError
        guard var next = buffer.baseAddress else { return nil }
        var left = buffer.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return .current
            }
            left -= written
            next += written
        }
        return nil
    }
}

/// Reads a file descriptor to its end or up to a limit, whatever kind of file it is (a pipe, a FIFO, a terminal).
struct FileDescriptorReader {
    /// What was read, and whether there was more than the limit.
    struct Result {
        var data: Data
        var isCut: Bool
    }

    let descriptor: Int32

    /// - Throws: ``SystemError`` when the descriptor is closed or is a folder.
    func read(limit: Int) throws(SystemError) -> Result {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= limit {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .current
            }
            if count == 0 { return Result(data: data, isCut: false) }
            data.append(contentsOf: chunk[0..<count])
        }
        return Result(data: data.prefix(limit), isCut: true)
    }
}

/// A byte count in the largest whole binary unit ("1 MiB", "64 KiB", "512 bytes").
func byteCountText(_ count: Int) -> String {
    if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
    if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
    return "\(count) bytes"
}
