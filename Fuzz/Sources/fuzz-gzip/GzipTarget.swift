import FuzzSupport

@testable import SMTPDoctorCore

/// A `.gz` log as `analyze` decompresses it: the reader must end, with bytes, an error or a truncation mark.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    guard let gzip = try? GzipByteSource(MemoryByteSource(input.bytes), name: "fuzz") else { return 0 }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    defer { buffer.deallocate() }
    var total = 0
    // A tiny input may expand to gigabytes (the program streams it); the target stops after 16 MiB to stay fast.
    while total < 16 << 20, let read = try? gzip.read(into: buffer), read > 0 {
        total += read
    }
    _ = gzip.wasTruncated
    return 0
}

/// The fuzz input as the compressed file under the gzip reader.
final class MemoryByteSource: ByteSource {
    private let bytes: UnsafeRawBufferPointer
    private(set) var storedBytesConsumed = 0
    let wasTruncated = false

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - storedBytesConsumed)
        guard count > 0 else { return 0 }
        buffer.copyMemory(
            from: UnsafeRawBufferPointer(rebasing: bytes[storedBytesConsumed..<storedBytesConsumed + count]))
        storedBytesConsumed += count
        return count
    }
}

/// The program: libFuzzer running `fuzzGzip`.
@main
enum GzipFuzzer {
    static func main() {
        FuzzDriver.run { fuzzGzip($0, $1) }
    }
}
