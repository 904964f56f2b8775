import Testing

@testable import SMTPDoctorCore

@Suite struct UnicodeLowercasingTests {
    @Test func everyUnicodeScalarIsLowercasedAsTheStandardLibraryLowercasesIt() {
        let scalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init(_:))
        var mismatches: [String] = []
        // In texts of a few hundred scalars with ASCII letters between them, as a bounce mixes them.
        for start in stride(from: 0, to: scalars.count, by: 256) {
            var text = "Ab "
            text.unicodeScalars.append(contentsOf: scalars[start..<min(start + 256, scalars.count)])
            text += " ZE"
            if UnicodeLowercasing.lowercased(text) != text.lowercased() {
                mismatches.append(String(scalars[start].value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "texts starting at U+\(mismatches.prefix(5))")
    }

    @Test func lettersThatChangeAreMappedAndTheRestIsKept() {
        #expect(
            UnicodeLowercasing.lowercased("EMPFÄNGER \u{212A} İ Σ \u{FFFD}5.1.1") == "empfänger k i̇ σ \u{FFFD}5.1.1")
        #expect(UnicodeLowercasing.lowercased("ÉCHEC"[...].dropFirst()) == "chec")
        #expect(UnicodeLowercasing.lowercased("") == "")
    }
}
