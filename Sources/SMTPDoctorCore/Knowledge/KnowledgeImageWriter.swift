/// Writes a compiled knowledge base as its image: the form in which the built-in knowledge base is compiled into the
/// program, so that start-up reads the final tables instead of validating and compiling the YAML again.
///
/// The image is every distinct string, each stored once (`KnowledgeImage.stringPages`), and a body of text, so that
/// both fit in Swift string literals. The body is a header, a table of the regular expressions (each stored once with
/// the literals it requires and their phrase ids), then the entries, where every number ends with `,` and a string
/// or a regular expression is its index in its table. Long tables of numbers (the phrase matcher's) are packed:
/// their count, the number of digits per value, then every value in that many base-64 digits, without separators.
/// `KnowledgeImageReader` reads it back.
struct KnowledgeImageWriter {
    /// The first token of every image; a reader refuses any other.
    static let header = "smtp-doctor-knowledge-image-10,"
    /// The character of the digit 0 in packed tables; digit `d` (0 to 63) is this character plus `d`, so that every
    /// digit is a printable ASCII character from `0` to `o` (no quote, no `#`, no line break).
    static let packedDigitZero = UInt8(ascii: "0")

    private var body = ""
    private var strings: [String] = []
    private var stringIDs: [String: Int] = [:]
    private var expressions = ""
    private var expressionCount = 0
    private var expressionIDs: [ObjectIdentifier: Int] = [:]

    /// The complete image.
    var image: KnowledgeImage {
        KnowledgeImage(strings: strings, body: Self.header + "\(expressionCount)," + expressions + body)
    }

    mutating func int(_ value: Int) {
        body += String(value)
        body += ","
    }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    /// A double by its exact bit pattern.
    mutating func double(_ value: Double) { int(Int(bitPattern: UInt(value.bitPattern))) }

    mutating func string(_ value: String) { int(stringID(value)) }

    /// An optional string: 0 for none, else the string's index plus one.
    mutating func optionalString(_ value: String?) { int(value.map { stringID($0) + 1 } ?? 0) }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    /// A table of numbers from −1 up, packed: its count, the digits per value, then each value plus one in that many
    /// base-64 digits, most significant first, and a `,` after the last.
    mutating func packed(_ values: [Int]) {
        precondition(values.allSatisfy { $0 >= -1 }, "a packed table holds numbers from -1 up")
        let largest = (values.max() ?? 0) + 1
        var width = 1
        while largest >> (6 * width) != 0 { width += 1 }
        int(values.count)
        int(width)
        var digits: [UInt8] = []
        digits.reserveCapacity(values.count * width + 1)
        for value in values {
            for place in stride(from: width - 1, through: 0, by: -1) {
                digits.append(Self.packedDigitZero + UInt8(((value + 1) >> (6 * place)) & 63))
            }
        }
        digits.append(UInt8(ascii: ","))
        body += String(decoding: digits, as: UTF8.self)
    }

    /// Entries that a reader can step over without reading them (`KnowledgeImageReader.skippedEntries`): where each
    /// starts, packed, the length of them all, then the entries, each written by `write` with its index.
    mutating func skippableEntries(_ count: Int, _ write: (inout KnowledgeImageWriter, Int) -> Void) {
        let outside = body
        body = ""
        var starts: [Int] = []
        for index in 0..<count {
            starts.append(body.utf8.count)
            write(&self, index)
        }
        let entries = body
        body = outside
        packed(starts)
        int(entries.utf8.count)
        body += entries
    }

    /// A regular expression by its index in the table, adding it on first use so that a shared one stays shared.
    mutating func expression(_ expression: RegularExpression) {
        let key = ObjectIdentifier(expression)
        if let id = expressionIDs[key] {
            int(id)
            return
        }
        let id = expressionCount
        expressionIDs[key] = id
        expressionCount += 1
        var record = "\(stringID(expression.pattern)),"
        for list in [expression.requiredLiterals?.map { stringID($0) }, expression.literalIDs] {
            if let list {
                record += "1,\(list.count)," + list.map { "\($0)," }.joined()
            } else {
                record += "0,"
            }
        }
        expressions += record
        int(id)
    }

    private mutating func stringID(_ value: String) -> Int {
        if let id = stringIDs[value] { return id }
        stringIDs[value] = strings.count
        strings.append(value)
        return strings.count - 1
    }
}
