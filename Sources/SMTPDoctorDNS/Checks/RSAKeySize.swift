/// The modulus length of an RSA public key in DER, as a DKIM record's p= carries it.
///
/// Both forms occur: a SubjectPublicKeyInfo (the usual one) and a bare PKCS#1 RSAPublicKey.
enum RSAKeySize {
    /// The key's length in bits, or nil when the bytes are not an RSA public key.
    static func bits(of der: [UInt8]) -> Int? {
        var reader = DERReader(bytes: der[...])
        guard var outer = reader.element(tag: 0x30) else { return nil }
        if outer.peek == 0x30 {
            // SubjectPublicKeyInfo: AlgorithmIdentifier, then BIT STRING holding RSAPublicKey.
            guard outer.element(tag: 0x30) != nil, let bitString = outer.element(tag: 0x03), bitString.bytes.first == 0
            else { return nil }
            var inner = DERReader(bytes: bitString.bytes.dropFirst())
            guard var key = inner.element(tag: 0x30) else { return nil }
            return modulusBits(&key)
        }
        return modulusBits(&outer)
    }

    private static func modulusBits(_ key: inout DERReader) -> Int? {
        guard let modulus = key.element(tag: 0x02) else { return nil }
        let significant = modulus.bytes.drop { $0 == 0 }
        guard let first = significant.first else { return nil }
        return (significant.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }
}

/// Reads DER tag-length-value elements, refusing lengths that run past the data.
struct DERReader {
    var bytes: ArraySlice<UInt8>

    var peek: UInt8? { bytes.first }

    /// The next element's contents if its tag is `tag`.
    mutating func element(tag: UInt8) -> DERReader? {
        guard bytes.count >= 2, bytes.first == tag else { return nil }
        var index = bytes.startIndex + 1
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 3, index + count <= bytes.endIndex else { return nil }
            length = bytes[index..<(index + count)].reduce(0) { $0 << 8 | Int($1) }
            index += count
        }
        guard index + length <= bytes.endIndex else { return nil }
        let contents = DERReader(bytes: bytes[index..<(index + length)])
        bytes = bytes[(index + length)...]
        return contents
    }
}
