import Foundation
import Testing

@testable import SMTPDoctorCore

/// Bounces whose words from outside hold a NUL. Foundation's substring search on Linux stops reading the searched-for
/// text at a NUL and then reports a match as long as the whole text, past the end of a string with a non-ASCII
/// character; the reader searches bytes instead, and such messages give their failure like any other.
@Suite struct BounceHostileBytesTests {
    private func events(of bytes: [UInt8]) -> [FailureEvent] {
        BounceMessageParser(input: "-").parse(
            String(decoding: bytes, as: UTF8.self)[...], line: 1, format: .emailMessage)
    }

    /// A plain-text report whose address-like words end in a NUL, after an invalid byte (found by `fuzz-bounce`).
    @Test func aRecipientWithANULInAPlainTextReport() {
        let bytes: [UInt8] = [0x0A, 0xFF] + Array("e@.\ne@.".utf8) + [0x00] + Array(" 4.1.1".utf8)
        let events = events(of: bytes)
        #expect(events.count == 1)
        #expect(events.first?.text.contains("4.1.1") == true)
    }

    /// A delivery-status report whose `Status` ends in a NUL, with a diagnostic code that holds the status and a
    /// non-ASCII character.
    @Test func aStatusWithANULInADeliveryStatusReport() {
        let message = """
            From: MAILER-DAEMON@mx.example.net
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; bob@example.com
            Action: failed
            Status: 5.1.1\u{0}
            Diagnostic-Code: smtp; 550 Empfänger unbekannt 5.1.1

            --b--
            """
        let events = events(of: Array(message.utf8))
        #expect(events.map(\.recipient) == ["bob@example.com"])
        #expect(events.first?.text.contains("Empfänger unbekannt") == true)
    }

    /// An Amazon SES notification whose status ends in an escaped NUL, with a non-ASCII diagnostic code.
    @Test func aStatusWithANULInAnAmazonSESNotification() {
        let body = #"""
            {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",
            "bouncedRecipients":[{"emailAddress":"gone@example.com","action":"failed","status":"5.1.1\u0000",
            "diagnosticCode":"smtp; 550 Empfänger unbekannt 5.1.1"}],"timestamp":"2026-06-03T08:00:01.000Z"}}
            """#
        let message = "From: notifications@sns.example.org\nSubject: Notification Message\n\n" + body + "\n"
        let events = events(of: Array(message.utf8))
        #expect(events.map(\.recipient) == ["gone@example.com"])
        #expect(events.first?.text.contains("Empfänger unbekannt") == true)
    }
}
