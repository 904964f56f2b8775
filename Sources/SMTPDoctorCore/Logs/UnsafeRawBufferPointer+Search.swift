#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension UnsafeRawBufferPointer {
    /// Whether `byte` occurs, found with `memchr`.
    func containsByte(_ byte: UInt8) -> Bool {
        guard let base = baseAddress else { return false }
        return memchr(base, Int32(byte), count) != nil
    }

    /// The offset of the first occurrence of `needle`, found with `memchr` and `memcmp` (glibc's `memmem` is not
    /// visible to Swift without `_GNU_SOURCE`); nil when absent.
    func firstOffset(of needle: StaticString) -> Int? {
        let length = needle.utf8CodeUnitCount
        guard let base = baseAddress, length > 0, count >= length else { return nil }
        let first = Int32(needle.utf8Start.pointee)
        var offset = 0
        let last = count - length
        while offset <= last {
            guard let found = memchr(base + offset, first, last - offset + 1) else { return nil }
            let position = base.distance(to: UnsafeRawPointer(found))
            if memcmp(found + 1, needle.utf8Start + 1, length - 1) == 0 { return position }
            offset = position + 1
        }
        return nil
    }

    /// The offset of the first occurrence of `needle`, searching for its byte at `anchor` — chosen to be rare in
    /// logs, such as the `=` of `status=` or the `j` of `reject` — so that `memchr` stops at few candidates.
    func firstOffset(of needle: StaticString, anchoredAt anchor: Int) -> Int? {
        let length = needle.utf8CodeUnitCount
        guard let base = baseAddress, anchor < length, count >= length else { return nil }
        let anchorByte = Int32(needle.utf8Start[anchor])
        var offset = anchor
        let last = count - length + anchor
        while offset <= last {
            guard let found = memchr(base + offset, anchorByte, last - offset + 1) else { return nil }
            let position = base.distance(to: UnsafeRawPointer(found)) - anchor
            if memcmp(base + position, needle.utf8Start, length) == 0 { return position }
            offset = position + anchor + 1
        }
        return nil
    }

    /// Whether the bytes at `offset` are `prefix`.
    func hasBytes(_ prefix: StaticString, at offset: Int) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard offset >= 0, offset + length <= count, let base = baseAddress else { return false }
        return memcmp(base + offset, prefix.utf8Start, length) == 0
    }

    /// Whether every byte is ASCII, checked eight bytes at a time.
    var isASCII: Bool {
        guard let base = baseAddress else { return true }
        var index = 0
        while index + 8 <= count {
            if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return false
            }
            index += 8
        }
        while index < count {
            if self[index] & 0x80 != 0 { return false }
            index += 1
        }
        return true
    }

    /// The bytes as text, invalid UTF-8 replaced.
    var text: String { String(decoding: self, as: UTF8.self) }
}
