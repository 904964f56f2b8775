import PropertyBased
import Testing

@testable import SMTPDoctorCore

/// The byte scan of the output sanitiser against its definition, scalar by scalar.
@Suite struct UntrustedTextPropertyTests {
    /// Every unsafe scalar, its neighbours on both sides, and ASCII around them.
    private static let edges: [Unicode.Scalar] = [
        0x00, 0x08, 0x09, 0x0A, 0x0B, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0x061B, 0x061C, 0x061D, 0x200D,
        0x200E, 0x200F, 0x2010, 0x2027, 0x2028, 0x2029, 0x202A, 0x202E, 0x202F, 0x2065, 0x2066, 0x2069, 0x206A,
        0x1F600,
    ].compactMap(Unicode.Scalar.init)

    @Test func byteScanAgreesWithTheScalarDefinition() async {
        let scalar = Gen.oneOf(
            Gen<Unicode.Scalar?>.element(of: Self.edges).map { $0 ?? "a" },
            Gen<UnicodeScalar>.unicodeScalar(in: "\u{0}"..."\u{2FFF}"),
            Gen<UnicodeScalar>.unicodeScalar(in: "a"..."z"))
        let text = scalar.map(Character.init).string(of: 0...40)
        await propertyCheck(count: 2000, input: text) { text in
            #expect(
                UntrustedText.containsUnsafe(text) == text.unicodeScalars.contains(where: UntrustedText.isUnsafe))
        }
    }

    @Test func eachUnsafeScalarIsFoundAlone() {
        for value in UInt32(0)...0x2100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "ok" + String(Character(scalar)) + "ok"
            let name = "U+\(String(value, radix: 16))"
            #expect(UntrustedText.containsUnsafe(text) == UntrustedText.isUnsafe(scalar), "\(name)")
        }
    }
}
