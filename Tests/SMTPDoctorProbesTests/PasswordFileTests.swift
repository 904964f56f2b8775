import Foundation
import SMTPDoctorProbes
import Testing

@Suite struct PasswordFileTests {
    private func revealed(_ contents: String) -> String? {
        Secret(passwordFile: Data(contents.utf8))?.withRevealed { $0 }
    }

    @Test func onlyTheFirstLineIsTheSecret() {
        #expect(revealed("pw1\nOTHER\n") == "pw1")
    }

    @Test func lineEndingsAreNotPartOfTheSecret() {
        #expect(revealed("secret\r\n") == "secret")
        #expect(revealed("secret\n") == "secret")
        #expect(revealed("secret") == "secret")
        #expect(revealed("sec ret \r\nnext\r\n") == "sec ret ")
    }

    @Test func anEmptyFirstLineIsNoSecret() {
        #expect(revealed("") == nil)
        #expect(revealed("\nsecond\n") == nil)
        #expect(revealed("\r\n") == nil)
    }
}
