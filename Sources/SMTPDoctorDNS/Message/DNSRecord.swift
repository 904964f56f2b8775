/// One resource record of an answer.
public struct DNSRecord: Sendable, Hashable, CustomStringConvertible {
    /// The data of a record, decoded for the types the checks read.
    public enum RecordData: Sendable, Hashable {
        case address(IPAddress)
        case mx(preference: UInt16, exchange: DNSName)
        case text([[UInt8]])
        case name(DNSName)
        case tlsa(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8])
        case other([UInt8])
    }

    /// The owner name.
    public var name: DNSName
    /// The type.
    public var type: DNSRecordType
    /// Time to live in seconds.
    public var ttl: UInt32
    /// The decoded data.
    public var data: RecordData

    /// The character-strings of a TXT record joined into one text, as SPF, DKIM and DMARC read them.
    public var text: String? {
        guard case .text(let strings) = data else { return nil }
        return String(decoding: strings.joined(), as: UTF8.self)
    }

    /// The record as a zone-file line, for the records a finding shows.
    public var description: String {
        let value: String
        switch data {
        case .address(let address): value = address.description
        case .mx(let preference, let exchange): value = "\(preference) \(exchange)."
        case .text(let strings):
            value = strings.map { "\"" + String(decoding: $0, as: UTF8.self) + "\"" }.joined(separator: " ")
        case .name(let target): value = "\(target)."
        case .tlsa(let usage, let selector, let matchingType, let data):
            value = "\(usage) \(selector) \(matchingType) " + data.map { String(format2: $0) }.joined()
        case .other(let bytes): value = "\\# \(bytes.count)"
        }
        return "\(name). \(ttl) IN \(type) \(value)"
    }
}

extension String {
    /// Two lower-case hexadecimal digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
