/// The fields of an `application/x-www-form-urlencoded` body.
///
/// Bytes that are not UTF-8 become U+FFFD rather than failing the request; a field given twice keeps its first
/// value, except for the fields read as lists (``values(_:)``).
struct FormFields: Sendable {
    /// The most fields one form may carry.
    static let maximumFields = 200

    private var pairs: [(name: String, value: String)] = []

    /// Parses the body.
    ///
    /// - Throws: ``ServeFailure`` when the form has more than ``maximumFields`` fields.
    init(_ body: some Collection<UInt8>) throws(ServeFailure) {
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard pairs.count < Self.maximumFields else {
                throw ServeFailure(.badRequest, "The form has more than \(Self.maximumFields) fields.")
            }
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            pairs.append((name, value))
        }
    }

    /// The first value of the field.
    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of the field, in order.
    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    private static func decode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next()
                let low = iterator.next()
                if let high, let low, let h = hexValue(high), let l = hexValue(low) {
                    output.append(h << 4 | l)
                } else {
                    output.append(byte)
                    if let high { output.append(high) }
                    if let low { output.append(low) }
                }
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
