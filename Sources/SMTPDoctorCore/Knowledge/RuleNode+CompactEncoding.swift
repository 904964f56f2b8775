extension RuleNode {
    /// The node tree as compact text: the form in which the built-in knowledge base is compiled into the program.
    ///
    /// Pre-order, length-prefixed, so that decoding is a single pass over UTF-8 bytes with no escaping:
    /// `s<line>,<bytes>:<text>` a scalar, `m<line>,<count>:` a mapping followed by key scalar and value for each
    /// pair, `q<line>,<count>:` a sequence followed by its items.
    public var compactEncoding: String {
        var output = ""
        encode(into: &output)
        return output
    }

    private func encode(into output: inout String) {
        switch self {
        case .scalar(let text, let line):
            output += "s\(line),\(text.utf8.count):"
            output += text
        case .mapping(let pairs, let line):
            output += "m\(line),\(pairs.count):"
            for pair in pairs {
                RuleNode.scalar(pair.key, line: pair.keyLine).encode(into: &output)
                pair.value.encode(into: &output)
            }
        case .sequence(let items, let line):
            output += "q\(line),\(items.count):"
            for item in items { item.encode(into: &output) }
        }
    }

    /// Decodes `compactEncoding`.
    /// - Returns: the node tree, or `nil` when the text is not a complete, valid encoding.
    public init?(compactEncoding text: String) {
        var text = text
        let node: RuleNode? = text.withUTF8 { bytes in
            var decoder = CompactDecoder(bytes: bytes)
            guard let node = decoder.node(), decoder.position == bytes.count else { return nil }
            return node
        }
        guard let node else { return nil }
        self = node
    }
}

/// Reads the compact encoding byte by byte.
private struct CompactDecoder {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func node() -> RuleNode? {
        guard position < bytes.count else { return nil }
        let kind = bytes[position]
        position += 1
        guard let line = number(until: UInt8(ascii: ",")), let count = number(until: UInt8(ascii: ":")) else {
            return nil
        }
        switch kind {
        case UInt8(ascii: "s"):
            guard position + count <= bytes.count else { return nil }
            let text = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
            position += count
            return .scalar(text, line: line)
        case UInt8(ascii: "m"):
            var pairs: [RuleNode.Pair] = []
            pairs.reserveCapacity(count)
            for _ in 0..<count {
                guard case .scalar(let key, let keyLine)? = node(), let value = node() else { return nil }
                pairs.append(RuleNode.Pair(key: key, keyLine: keyLine, value: value))
            }
            return .mapping(pairs, line: line)
        case UInt8(ascii: "q"):
            var items: [RuleNode] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                guard let item = node() else { return nil }
                items.append(item)
            }
            return .sequence(items, line: line)
        default:
            return nil
        }
    }

    private mutating func number(until terminator: UInt8) -> Int? {
        var value = 0
        var digits = 0
        while position < bytes.count, bytes[position] != terminator {
            let digit = Int(bytes[position]) - 48
            guard (0...9).contains(digit), digits < 18 else { return nil }
            value = value * 10 + digit
            digits += 1
            position += 1
        }
        guard position < bytes.count, digits > 0 else { return nil }
        position += 1
        return value
    }
}
