/// A DNS message: the header fields the resolver needs and the four sections.
public struct DNSMessage: Sendable {
    /// The response codes the resolver tells apart.
    public enum ResponseCode: Sendable, Hashable {
        case noError, formatError, serverFailure, nameError, notImplemented, refused
        case other(UInt8)

        init(_ value: UInt8) {
            switch value {
            case 0: self = .noError
            case 1: self = .formatError
            case 2: self = .serverFailure
            case 3: self = .nameError
            case 4: self = .notImplemented
            case 5: self = .refused
            default: self = .other(value)
            }
        }
    }

    /// The query id.
    public var id: UInt16
    /// Whether this is a response.
    public var isResponse: Bool
    /// TC: the answer did not fit and must be asked again over TCP.
    public var isTruncated: Bool
    /// AD: the resolver validated the answer with DNSSEC.
    public var isAuthenticated: Bool
    /// The response code.
    public var responseCode: ResponseCode
    /// The question asked: name and type.
    public var questions: [(name: DNSName, type: DNSRecordType)]
    /// The answer section.
    public var answers: [DNSRecord]
    /// The authority section.
    public var authority: [DNSRecord]

    /// The bytes of a recursive query for one name and type, with an EDNS0 OPT record offering a 1232-byte UDP
    /// payload and the AD bit set to ask for the DNSSEC status.
    public static func query(id: UInt16, name: DNSName, type: DNSRecordType) -> [UInt8] {
        var bytes: [UInt8] = []
        func append16(_ value: UInt16) { bytes += [UInt8(value >> 8), UInt8(value & 0xFF)] }
        append16(id)
        append16(0x0120)  // RD and AD
        append16(1)
        append16(0)
        append16(0)
        append16(1)
        bytes += name.wireBytes
        append16(type.rawValue)
        append16(1)  // IN
        bytes.append(0)  // OPT: root name
        append16(DNSRecordType.opt.rawValue)
        append16(DNSMessage.udpPayloadSize)
        bytes += [0, 0, 0, 0, 0, 0]  // extended rcode, version, flags, no options
        return bytes
    }

    /// The UDP payload size offered with EDNS0 (the DNS flag day 2020 value).
    public static let udpPayloadSize: UInt16 = 1232
}
