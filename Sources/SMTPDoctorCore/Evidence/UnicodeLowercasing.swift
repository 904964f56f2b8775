/// `String.lowercased()` for texts with non-ASCII characters, without its cost per character.
///
/// The standard library lowercases such a text one Unicode scalar at a time, making a new string of every scalar's
/// lowercase mapping, also for the many scalars (digits, punctuation, letters without case, the replacement character
/// that stands for an invalid byte) that lowercasing leaves as they are. Here the ASCII letters are mapped byte by
/// byte, a scalar whose Unicode property says it changes when lowercased is replaced by its lowercase mapping, and
/// every other scalar is copied as it is: the result is the standard library's, scalar for scalar (a test compares
/// the two over every Unicode scalar).
enum UnicodeLowercasing {
    /// The text in lower case, as `String(text).lowercased()` gives it.
    static func lowercased<Text: StringProtocol>(_ text: Text) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                bytes.append((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte)
            } else if scalar.properties.changesWhenLowercased {
                bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
