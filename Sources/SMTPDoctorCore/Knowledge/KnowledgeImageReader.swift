/// Reads the image that `KnowledgeImageWriter` writes, in one pass over its UTF-8 bytes.
///
/// The image is produced at build time from a knowledge base that passed every check, so reading it checks only
/// its structure: a reader that meets anything unexpected marks itself `failed` and returns empty values, and the
/// caller discards the result.
struct KnowledgeImageReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var strings: [String] = []
    private var expressionTable: [RegularExpression] = []
    /// Whether the image is damaged; every value read after that is meaningless.
    private(set) var failed = false

    /// Starts reading an image: checks the header and reads the string and regular-expression tables.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let header = Array(KnowledgeImageWriter.header.utf8)
        guard bytes.count >= header.count, bytes.prefix(header.count).elementsEqual(header) else {
            failed = true
            return
        }
        position = header.count
        let stringCount = count()
        strings.reserveCapacity(stringCount)
        for _ in 0..<stringCount where !failed {
            let length = number(until: UInt8(ascii: ":"))
            guard !failed, length <= bytes.count - position else {
                failed = true
                break
            }
            strings.append(
                String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self))
            position += length
        }
        let expressionCount = count()
        expressionTable.reserveCapacity(expressionCount)
        for _ in 0..<expressionCount where !failed {
            let pattern = string()
            let literals = bool() ? list { $0.string() } : nil
            let ids = bool() ? list { $0.int() } : nil
            expressionTable.append(RegularExpression(pattern: pattern, requiredLiterals: literals, literalIDs: ids))
        }
    }

    /// Whether every byte was read and nothing was damaged.
    var isComplete: Bool { !failed && position == bytes.count }

    mutating func int() -> Int { number(until: UInt8(ascii: ",")) }

    mutating func bool() -> Bool { int() != 0 }

    mutating func double() -> Double { Double(bitPattern: UInt64(UInt(bitPattern: int()))) }

    mutating func string() -> String {
        let id = int()
        guard strings.indices.contains(id) else {
            failed = true
            return ""
        }
        return strings[id]
    }

    mutating func optionalString() -> String? {
        let id = int()
        return id == 0 ? nil : strings.indices.contains(id - 1) ? strings[id - 1] : fail(nil)
    }

    mutating func optionalInt() -> Int? { bool() ? int() : nil }

    mutating func expression() -> RegularExpression? {
        let id = int()
        return expressionTable.indices.contains(id) ? expressionTable[id] : fail(nil)
    }

    /// A count: a number that cannot exceed what the rest of the image could hold.
    mutating func count() -> Int {
        let value = int()
        return value >= 0 && value <= bytes.count - position ? value : fail(0)
    }

    /// A list written as its count and its items.
    mutating func list<Element>(_ item: (inout KnowledgeImageReader) -> Element) -> [Element] {
        let count = count()
        var items: [Element] = []
        items.reserveCapacity(count)
        for _ in 0..<count where !failed { items.append(item(&self)) }
        return items
    }

    /// A table written by `KnowledgeImageWriter.packed`, each value checked to lie in `range`.
    mutating func packed(_ range: Range<Int>) -> [Int32] {
        let count = count()
        let width = int()
        guard !failed, (1...5).contains(width), count <= (bytes.count - position) / width,
            position + count * width < bytes.count, bytes[position + count * width] == UInt8(ascii: ",")
        else { return fail([]) }
        let digits = UnsafeBufferPointer(rebasing: bytes[position..<position + count * width])
        position += count * width + 1
        var values = [Int32](repeating: 0, count: count)
        let fits = values.withUnsafeMutableBufferPointer { values in
            // A constant width lets the compiler unroll the digits of each value.
            switch width {
            case 1: Self.unpack(digits, width: 1, into: values, range: range)
            case 2: Self.unpack(digits, width: 2, into: values, range: range)
            case 3: Self.unpack(digits, width: 3, into: values, range: range)
            default: Self.unpack(digits, width: width, into: values, range: range)
            }
        }
        return fits ? values : fail([])
    }

    /// Decodes packed digits into `values`; whether every digit was one and every value lies in `range`.
    @inline(__always)
    private static func unpack(
        _ digits: UnsafeBufferPointer<UInt8>, width: Int, into values: UnsafeMutableBufferPointer<Int32>,
        range: Range<Int>
    ) -> Bool {
        let zero = Int(KnowledgeImageWriter.packedDigitZero)
        var strayBits = 0
        var lowest = Int.max
        var highest = Int.min
        var next = 0
        for index in values.indices {
            var value = 0
            for place in 0..<width {
                let digit = Int(digits[next &+ place]) &- zero
                strayBits |= digit
                value = value &<< 6 | digit
            }
            next &+= width
            value &-= 1
            lowest = min(lowest, value)
            highest = max(highest, value)
            values[index] = Int32(truncatingIfNeeded: value)
        }
        return strayBits & ~63 == 0 && (values.isEmpty || (range.contains(lowest) && range.contains(highest)))
    }

    /// Marks the image damaged and returns a placeholder.
    mutating func fail<Value>(_ placeholder: Value) -> Value {
        failed = true
        return placeholder
    }

    private mutating func number(until terminator: UInt8) -> Int {
        guard !failed else { return 0 }
        var value = 0
        var digits = 0
        var negative = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        while position < bytes.count, bytes[position] != terminator {
            let digit = Int(bytes[position]) &- 48
            guard (0...9).contains(digit), digits < 19 else { return fail(0) }
            value = value &* 10 &+ digit
            digits += 1
            position += 1
        }
        guard position < bytes.count, digits > 0 else { return fail(0) }
        position += 1
        return negative ? 0 &- value : value
    }
}
