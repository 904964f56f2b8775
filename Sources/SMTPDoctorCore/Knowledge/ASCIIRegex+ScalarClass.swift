extension ASCIIRegex {
    /// What a character other than ASCII is to a pattern of the subset, whose own characters are all ASCII: a digit
    /// (`\d`), another word character (`\w`), white space (`\s`), a line terminator (which `.` does not match and
    /// before which `$` holds), or none of these. Each class is one byte above the ASCII range, so that a text with
    /// such characters is searched by the same automaton once each of them is replaced by its class's byte
    /// (``classBytes(of:limit:caseInsensitive:)``).
    ///
    /// The classes follow the regular-expression engine's definitions: `\d` is a decimal digit, `\w` an alphabetic
    /// character, a mark, a decimal digit or a connector punctuation, `\s` white space, and the line terminators past
    /// ASCII are U+0085, U+2028 and U+2029. `ASCIIRegexTests` compares the automaton with the engine on texts with
    /// characters of every class.
    enum ScalarClass: UInt8, CaseIterable {
        case digit, letter, space, lineTerminator, other

        /// The byte that stands for the class.
        var byte: UInt8 { 0x80 + rawValue }

        /// The class a byte stands for, if it stands for one.
        init?(byte: UInt8) {
            guard byte >= 0x80 else { return nil }
            self.init(rawValue: byte - 0x80)
        }

        /// One bit for each class.
        static let all: UInt8 = 0b1_1111

        /// The class of a character outside ASCII; `nil` for one the automaton cannot stand in for: a mark or a
        /// format character (which `\b` looks through), and, under `(?i)`, a character with a case (whose folding
        /// may be an ASCII letter, as the Kelvin sign's is a `k`).
        init?(_ scalar: Unicode.Scalar, caseInsensitive: Bool) {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: return nil
            default: break
            }
            if properties.isGraphemeExtend { return nil }
            if caseInsensitive && (properties.changesWhenCaseMapped || properties.changesWhenCaseFolded) { return nil }
            switch scalar.value {
            case 0x85, 0x2028, 0x2029: self = .lineTerminator
            default:
                if properties.numericType == .decimal {
                    self = .digit
                } else if properties.isAlphabetic || properties.generalCategory == .connectorPunctuation {
                    self = .letter
                } else if properties.isWhitespace {
                    self = .space
                } else {
                    self = .other
                }
            }
        }
    }

    /// The text's characters as the automaton reads them: ASCII as it is, any other character as the byte of its
    /// class, up to `limit` UTF-16 units as the engine counts them; `nil` when a character has no class.
    static func classBytes(of text: String, limit: Int, caseInsensitive: Bool) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.utf8.count, limit))
        var units = 0
        for scalar in text.unicodeScalars {
            let width = scalar.value > 0xFFFF ? 2 : 1
            guard units + width <= limit else {
                // The engine's range ends inside a surrogate pair: it reads the lone first half, a character of no
                // class.
                if units < limit { bytes.append(ScalarClass.other.byte) }
                break
            }
            units += width
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                guard let scalarClass = ScalarClass(scalar, caseInsensitive: caseInsensitive) else { return nil }
                bytes.append(scalarClass.byte)
            }
        }
        return bytes
    }
}
