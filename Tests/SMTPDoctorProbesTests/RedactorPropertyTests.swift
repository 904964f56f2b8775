import Foundation
import PropertyBased
import Testing

@testable import SMTPDoctorProbes

/// The redactor on generated secrets: whichever form of the credentials a server echoes, and however it encodes,
/// cases or splits it, no form survives in the lines it returns.
@Suite struct RedactorPropertyTests {
    /// How a server may turn what it received into text.
    enum Echo: CaseIterable {
        case asSent, upperCased, lowerCased, withoutPadding, hex, percentEncoded, formEncoded, splitAcrossLines
    }

    private static let secretCharacters =
        Array(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 +/=%&!?-_.:;@#") as [Character]
    private let secret = Gen<Character?>.element(of: secretCharacters).compactMap { $0 }.string(of: 8...24)
        .filter { $0.filter { !$0.isWhitespace }.count >= 3 }
    private let formIndex = Gen.int(in: 0...3)
    private let echo = Gen<Echo>.case
    private let cut = Gen.int(in: 1...1000)

    /// What the client sends for `secret`: the secret itself and the AUTH LOGIN, PLAIN and XOAUTH2 blobs.
    private func forms(of credentials: Credentials) -> [String] {
        credentials.secret.withRevealed { secret in
            [
                secret, SMTPClientStateMachine.base64(secret),
                SMTPClientStateMachine.plainResponse(credentials).withRevealed { $0 },
                SMTPClientStateMachine.xoauth2Response(credentials).withRevealed { $0 },
            ]
        }
    }

    /// The form as the server writes it, and the reply lines that carry it.
    private func echoed(_ form: String, _ echo: Echo, cut: Int) -> (form: String, lines: [String]) {
        let bytes = Array(form.utf8)
        let written: String
        switch echo {
        case .asSent: written = form
        case .upperCased: written = form.uppercased()
        case .lowerCased: written = form.lowercased()
        case .withoutPadding: written = String(form.reversed().drop { $0 == "=" }.reversed())
        case .hex: written = bytes.map { String(format: "%02X", $0) }.joined()
        case .percentEncoded: written = bytes.map { String(format: "%%%02x", $0) }.joined()
        case .formEncoded:
            written = bytes.map { byte -> String in
                if byte == UInt8(ascii: " ") { return "+" }
                let character = Character(UnicodeScalar(byte))
                return character.isLetter || character.isNumber ? String(character) : String(format: "%%%02X", byte)
            }.joined()
        case .splitAcrossLines:
            let at = form.index(form.startIndex, offsetBy: cut % form.count)
            return (form, ["5.7.8 rejected \(form[..<at])", "5.7.8 \(form[at...]) here"])
        }
        return (written, ["5.7.8 rejected \(written) here"])
    }

    /// The text a reader of the lines sees, without line breaks, status codes, whitespace or letter case.
    private func visible(_ lines: [String]) -> String {
        lines.map { $0.hasPrefix("5.7.8 ") ? String($0.dropFirst(6)) : $0 }.joined()
            .filter { !$0.isWhitespace }.lowercased()
    }

    @Test func noEchoedFormSurvives() async {
        await propertyCheck(count: 600, input: secret, formIndex, echo, cut) { secret, formIndex, echo, cut in
            let credentials = Credentials(username: "user@example.com", secret: Secret(secret))
            let form = forms(of: credentials)[formIndex]
            let (written, lines) = echoed(form, echo, cut: cut)
            let redacted = Redactor(credentials: credentials)(lines: lines)
            #expect(!visible(redacted).contains(visible([written])), "\(echo) form \(formIndex) survived: \(redacted)")
            #expect(redacted.joined().contains("<redacted>"))
        }
    }
}
