/// Reads the image that `KnowledgeImageWriter` writes, in one pass over the UTF-8 bytes of its body.
///
/// The image is produced at build time from a knowledge base that passed every check, so reading it checks only
/// its structure: a reader that meets anything unexpected marks itself `failed` and returns empty values, and the
/// caller discards the result.
struct KnowledgeImageReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private let stringPages: [[String]]
    private var expressionTable: [RegularExpression] = []
    /// Whether the image is damaged; every value read after that is meaningless.
    private(set) var failed = false

    /// Starts reading an image: checks the header of its body and reads the regular-expression table.
    init(bytes: UnsafeBufferPointer<UInt8>, stringPages: [[String]]) {
        self.bytes = bytes
        self.stringPages = stringPages
        let header = Array(KnowledgeImageWriter.header.utf8)
        guard bytes.count >= header.count, bytes.prefix(header.count).elementsEqual(header) else {
            failed = true
            return
        }
        position = header.count
        let expressionCount = count()
        expressionTable.reserveCapacity(expressionCount)
        for _ in 0..<expressionCount where !failed {
            let pattern = string()
            let literals = bool() ? list { $0.string() } : nil
            let ids = bool() ? list { $0.int() } : nil
            expressionTable.append(RegularExpression(pattern: pattern, requiredLiterals: literals, literalIDs: ids))
        }
    }

    /// Starts reading one entry of an image whose structure was read before, at `position` of its body (see
    /// `skippedEntries`), with the regular-expression table read then, which the entry's conditions refer to.
    init(
        bytes: UnsafeBufferPointer<UInt8>, stringPages: [[String]], expressions: [RegularExpression] = [],
        entryAt position: Int
    ) {
        self.bytes = bytes
        self.stringPages = stringPages
        self.expressionTable = expressions
        self.position = position
        failed = !(0...bytes.count).contains(position)
    }

    /// The regular-expression table, shared by every condition read.
    var expressions: [RegularExpression] { expressionTable }

    /// Whether every byte was read and nothing was damaged.
    var isComplete: Bool { !failed && position == bytes.count }

    /// A decimal number and its `,`.
    mutating func int() -> Int {
        guard !failed, let base = bytes.baseAddress else { return fail(0) }
        let end = bytes.count
        var next = position
        let negative = next < end && base[next] == UInt8(ascii: "-")
        if negative { next += 1 }
        let first = next
        var value = 0
        while next < end {
            let digit = Int(base[next]) &- 48
            guard UInt(bitPattern: digit) < 10 else { break }
            value = value &* 10 &+ digit
            next += 1
        }
        guard next < end, base[next] == UInt8(ascii: ","), next > first, next - first <= 19 else { return fail(0) }
        position = next + 1
        return negative ? 0 &- value : value
    }

    mutating func bool() -> Bool { int() != 0 }

    mutating func double() -> Double { Double(bitPattern: UInt64(UInt(bitPattern: int()))) }

    mutating func string() -> String {
        let id = int()
        return id >= 0 ? string(id) : fail("")
    }

    mutating func optionalString() -> String? {
        let id = int()
        return id == 0 ? nil : id > 0 ? string(id - 1) : fail(nil)
    }

    /// The string with this index (not negative) in the image's pages.
    private mutating func string(_ id: Int) -> String {
        let (page, slot) = id.quotientAndRemainder(dividingBy: KnowledgeImage.pageSize)
        guard page < stringPages.count, slot < stringPages[page].count else { return fail("") }
        return stringPages[page][slot]
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
        // Reserving no room still allocates a buffer; most lists of the image are empty.
        guard count > 0 else { return items }
        items.reserveCapacity(count)
        for _ in 0..<count where !failed { items.append(item(&self)) }
        return items
    }

    /// Steps over entries written by `KnowledgeImageWriter.skippableEntries` without reading them.
    /// - Returns: where each entry starts in the body.
    mutating func skippedEntries() -> [Int] {
        let starts = packed(0..<Int(Int32.max), as: Int.self)
        let length = count()
        let base = position
        var previous = 0
        for start in starts {
            guard start >= previous, start < length else { return fail([]) }
            previous = start
        }
        position += length
        return starts.map { base + $0 }
    }

    /// A table written by `KnowledgeImageWriter.packed`, each value checked to lie in `range` (which `Value` holds).
    mutating func packed<Value: FixedWidthInteger>(_ range: Range<Int>, as _: Value.Type = Int32.self) -> [Value] {
        let count = count()
        let width = int()
        guard !failed, (1...5).contains(width), count <= (bytes.count - position) / width,
            position + count * width < bytes.count, bytes[position + count * width] == UInt8(ascii: ",")
        else { return fail([]) }
        let digits = UnsafeBufferPointer(rebasing: bytes[position..<position + count * width])
        position += count * width + 1
        var fits = false
        // Every value is written, whether it fits or not, so the table needs no zeroing first.
        let values = [Value](unsafeUninitializedCapacity: count) { values, initialized in
            // A constant width lets the compiler unroll the digits of each value.
            fits =
                switch width {
                case 1: Self.unpack(digits, width: 1, into: values, range: range)
                case 2: Self.unpack(digits, width: 2, into: values, range: range)
                case 3: Self.unpack(digits, width: 3, into: values, range: range)
                default: Self.unpack(digits, width: width, into: values, range: range)
                }
            initialized = fits ? count : 0
        }
        return fits ? values : fail([])
    }

    /// Decodes packed digits into `values`; whether every digit was one and every value lies in `range`.
    ///
    /// The arithmetic is on 32 bits without a branch per digit, which lets the compiler work on several values at
    /// once: a byte below the digit zero wraps round and sets the stray bits as one above the last digit does.
    @inline(__always)
    private static func unpack<Value: FixedWidthInteger>(
        _ digits: UnsafeBufferPointer<UInt8>, width: Int, into values: UnsafeMutableBufferPointer<Value>,
        range: Range<Int>
    ) -> Bool {
        guard let digits = digits.baseAddress, let output = values.baseAddress else { return values.isEmpty }
        let zero = UInt32(KnowledgeImageWriter.packedDigitZero)
        var strayBits: UInt32 = 0
        var lowest = Int32.max
        var highest = Int32.min
        for index in 0..<values.count {
            var value: UInt32 = 0
            for place in 0..<width {
                let digit = UInt32(digits[index &* width &+ place]) &- zero
                strayBits |= digit
                value = value &<< 6 | digit
            }
            let number = Int32(bitPattern: value) &- 1
            lowest = min(lowest, number)
            highest = max(highest, number)
            output[index] = Value(truncatingIfNeeded: number)
        }
        return strayBits & ~63 == 0
            && (values.isEmpty || (range.contains(Int(lowest)) && range.contains(Int(highest))))
    }

    /// Marks the image damaged and returns a placeholder.
    mutating func fail<Value>(_ placeholder: Value) -> Value {
        failed = true
        return placeholder
    }
}
