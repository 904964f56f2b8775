import Testing

@testable import SMTPDoctorCore

/// The byte-level line work of the MIME reader gives what its `Character`-level form gives, also where a colon or a
/// boundary is written with scalars that Unicode joins or treats as equivalent.
@Suite struct MIMEEntityTests {
    @Test func aParameterIsFoundByItsNameInAnyCaseWithItsQuotesDropped() {
        let type = "multipart/report; report-type=delivery-status;\tBOUNDARY=\"b=1\""
        #expect(MIMEEntity.parameter("boundary", in: type) == "b=1")
        #expect(MIMEEntity.parameter("report-type", in: type) == "delivery-status")
        // A parameter whose `;` was lost still follows the type; one without a value is skipped.
        #expect(MIMEEntity.parameter("charset", in: "text/plain  charset=iso-2022-jp") == "iso-2022-jp")
        #expect(MIMEEntity.parameter("charset", in: "text/plain; charset=; charset=\"utf-8\"") == "utf-8")
        #expect(MIMEEntity.parameter("charset", in: "text/plain; name=\"Résumé.txt\"; Charset = koi8-r ") == "koi8-r")
        #expect(MIMEEntity.parameter("boundary", in: "multipart/mixed") == nil)
        #expect(MIMEEntity.parameter("boundary", in: "") == nil)
    }

    @Test func aFieldNameEndsAtTheFirstColonThatIsACharacterOfItsOwn() {
        // The first colon carries a combining mark, so it is not the Character ":" that ends the name.
        let (headers, body) = MIMEEntity.split("Subject: a\nNa\u{301}me:\u{301}x: y\nX-Plain:z\n\nbody\n")
        #expect(headers["subject"] == "a")
        #expect(headers["na\u{301}me:\u{301}x"] == "y")
        #expect(headers["x-plain"] == "z")
        #expect(body == "body\n")
    }

    @Test func aDelimiterLineIsComparedWithItsCanonicalEquivalents() {
        // U+212A KELVIN SIGN is canonically a `K`: the second delimiter line is the boundary `K1` as Characters
        // compare, though not as bytes do.
        let message = """
            Content-Type: multipart/mixed; boundary="K1"

            --K1
            Content-Type: text/plain

            first
            --\u{212A}1
            Content-Type: text/plain

            second
            --K1--

            """
        let entity = MIMEEntity(message[...])
        #expect(entity.parts.map(\.body) == ["first\n", "second\n"])
    }

    @Test func aDelimiterLineFollowedByAMarkIsNotTheBoundary() {
        let message = """
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            first
            --b\u{301}
            still first
            --b--

            """
        let entity = MIMEEntity(message[...])
        #expect(entity.parts.map(\.body) == ["first\n--b\u{301}\nstill first\n"])
    }
}
