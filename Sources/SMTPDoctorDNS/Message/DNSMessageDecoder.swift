/// Reads a DNS message from bytes, refusing anything that does not fit its own length fields.
///
/// The guards matter because the bytes come from the network: compression pointers must point backwards (so
/// they cannot loop), a name is at most 255 bytes, section counts must fit the bytes left, and every record's data
/// must lie inside its RDLENGTH.
public struct DNSMessageDecoder {
    private let bytes: [UInt8]
    private var offset = 0

    /// The most records read from one message; larger counts are refused.
    public static let maximumRecords = 2000

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Decodes a whole message.
    ///
    /// - Throws: `DNSDecodingError` saying what was wrong and where.
    public static func decode(_ bytes: [UInt8]) throws(DNSDecodingError) -> DNSMessage {
        var decoder = DNSMessageDecoder(bytes: bytes)
        return try decoder.message()
    }

    private mutating func message() throws(DNSDecodingError) -> DNSMessage {
        guard bytes.count >= 12 else { throw failure("the message is shorter than its 12-byte header") }
        let id = try read16()
        let flags = try read16()
        let counts = [try read16(), try read16(), try read16(), try read16()].map(Int.init)
        // A question takes at least 5 bytes and a record at least 11.
        guard counts[0] * 5 + (counts[1] + counts[2] + counts[3]) * 11 <= bytes.count - 12,
            counts.reduce(0, +) <= Self.maximumRecords
        else { throw failure("the section counts (\(counts)) do not fit the \(bytes.count) bytes of the message") }
        var questions: [(name: DNSName, type: DNSRecordType)] = []
        for _ in 0..<counts[0] {
            let name = try readName()
            let type = DNSRecordType(rawValue: try read16())
            _ = try read16()
            questions.append((name, type))
        }
        var answers: [DNSRecord] = []
        for _ in 0..<counts[1] { answers.append(try readRecord()) }
        var authority: [DNSRecord] = []
        for _ in 0..<counts[2] { authority.append(try readRecord()) }
        for _ in 0..<counts[3] { _ = try readRecord() }
        return DNSMessage(
            id: id, isResponse: flags & 0x8000 != 0, isTruncated: flags & 0x0200 != 0,
            isAuthenticated: flags & 0x0020 != 0, responseCode: .init(UInt8(flags & 0x000F)), questions: questions,
            answers: answers, authority: authority)
    }

    private mutating func readRecord() throws(DNSDecodingError) -> DNSRecord {
        let name = try readName()
        let type = DNSRecordType(rawValue: try read16())
        _ = try read16()
        let ttl = UInt32(try read16()) << 16 | UInt32(try read16())
        let length = Int(try read16())
        guard offset + length <= bytes.count else {
            throw failure("a \(type) record claims \(length) bytes of data but only \(bytes.count - offset) remain")
        }
        let end = offset + length
        let data: DNSRecord.RecordData
        switch type {
        case .a, .aaaa:
            guard length == (type == .a ? 4 : 16), let address = IPAddress(bytes: Array(bytes[offset..<end])) else {
                throw failure("an \(type) record has \(length) bytes of data")
            }
            data = .address(address)
        case .mx:
            guard length >= 3 else { throw failure("an MX record has \(length) bytes of data") }
            let preference = try read16()
            data = .mx(preference: preference, exchange: try readName(limit: end))
        case .cname, .ptr, .ns:
            data = .name(try readName(limit: end))
        case .txt:
            var strings: [[UInt8]] = []
            var cursor = offset
            while cursor < end {
                let size = Int(bytes[cursor])
                guard cursor + 1 + size <= end else { throw failure("a TXT string runs past the end of its record") }
                strings.append(Array(bytes[(cursor + 1)..<(cursor + 1 + size)]))
                cursor += 1 + size
            }
            data = .text(strings)
        case .tlsa:
            guard length >= 3 else { throw failure("a TLSA record has \(length) bytes of data") }
            data = .tlsa(
                usage: bytes[offset], selector: bytes[offset + 1], matchingType: bytes[offset + 2],
                data: Array(bytes[(offset + 3)..<end]))
        default:
            data = .other(Array(bytes[offset..<end]))
        }
        guard offset <= end else { throw failure("a \(type) record's data runs past its length") }
        offset = end
        return DNSRecord(name: name, type: type, ttl: ttl, data: data)
    }

    /// Reads a possibly compressed name at the cursor and moves the cursor past it.
    private mutating func readName(limit: Int? = nil) throws(DNSDecodingError) -> DNSName {
        var labels: [String] = []
        var cursor = offset
        var resumeAt: Int?
        var wireLength = 1
        var lowestJump = cursor
        while true {
            guard cursor < (resumeAt == nil ? (limit ?? bytes.count) : bytes.count) else {
                throw failure("a name runs past the end of the data")
            }
            let length = Int(bytes[cursor])
            if length == 0 {
                cursor += 1
                break
            }
            switch length & 0xC0 {
            case 0xC0:
                guard cursor + 1 < bytes.count else { throw failure("a compression pointer is cut off") }
                let target = (length & 0x3F) << 8 | Int(bytes[cursor + 1])
                // Every jump must go strictly backwards, so a chain of pointers always ends.
                guard target < lowestJump else { throw failure("a compression pointer does not point backwards") }
                lowestJump = target
                if resumeAt == nil { resumeAt = cursor + 2 }
                cursor = target
            case 0x00:
                guard cursor + 1 + length <= bytes.count else { throw failure("a label runs past the end") }
                wireLength += length + 1
                guard wireLength <= 255 else { throw failure("a name is longer than 255 bytes") }
                labels.append(String(decoding: bytes[(cursor + 1)..<(cursor + 1 + length)], as: UTF8.self))
                cursor += 1 + length
            default:
                throw failure("a label has the reserved type bits \(length >> 6)")
            }
        }
        offset = resumeAt ?? cursor
        if let limit, offset > limit { throw failure("a name runs past the end of its record") }
        return DNSName(labels: labels)
    }

    private mutating func read16() throws(DNSDecodingError) -> UInt16 {
        guard offset + 2 <= bytes.count else { throw failure("the message ends in the middle of a field") }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    private func failure(_ reason: String) -> DNSDecodingError {
        DNSDecodingError(offset: offset, reason: reason)
    }
}

/// A DNS message that could not be read.
public struct DNSDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where in the message the reader was.
    public var offset: Int
    /// What was wrong.
    public var reason: String

    public var description: String { "malformed DNS message at byte \(offset): \(reason)" }
}
