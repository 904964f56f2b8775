/// The bytes libFuzzer hands to a target, with the views the targets need.
public struct FuzzInput {
    /// The bytes; valid only during the call of `LLVMFuzzerTestOneInput`.
    public let bytes: UnsafeRawBufferPointer

    /// Wraps the pointer and count that libFuzzer passes.
    public init(_ start: UnsafeRawPointer?, _ count: Int) {
        bytes = UnsafeRawBufferPointer(start: count > 0 ? start : nil, count: count)
    }

    /// The bytes as text, invalid UTF-8 replaced as every reader of the program does.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Calls `body` with each line (without its LF) and its number from 1, as the log reader hands lines to a parser.
    public func forEachLine(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        var start = 0
        var number = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            if index == bytes.count && start == index && index > 0 { break }
            var end = index
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            number += 1
            body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), number)
            start = index + 1
        }
    }
}
