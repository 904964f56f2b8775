import Foundation
import Testing

@testable import SMTPDoctorCore

/// Amazon SES notifications in the JSON form SES documents, mailed as they are or wrapped by Amazon SNS.
@Suite struct AmazonSESNotificationTests {
    static let bounce = """
        {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",\
        "bouncedRecipients":[{"emailAddress":"gone@example.com","action":"failed","status":"5.1.1",\
        "diagnosticCode":"smtp; 550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown"},\
        {"emailAddress":"full@example.net","action":"failed","status":"5.2.2",\
        "diagnosticCode":"smtp; 552 Mailbox quota exceeded {over by 3 MB}"}],\
        "timestamp":"2026-06-03T08:00:01.000Z","remoteMtaIp":"192.0.2.25",\
        "reportingMTA":"dsn; a1-2.smtp-out.example.com"},\
        "mail":{"source":"sender@example.org","destination":["gone@example.com","full@example.net"],\
        "commonHeaders":{"from":["sender@example.org"],"to":["gone@example.com"],"subject":"Hello {you}"}}}
        """

    static func message(body: String) -> String {
        """
        From: Notifications <notifications@sns.example.org>
        To: ops@example.org
        Subject: Notification Message
        Date: Wed, 3 Jun 2026 08:00:02 +0000
        Content-Type: text/plain; charset=UTF-8

        \(body)

        --
        To stop receiving these notifications, visit https://sns.example.org/unsubscribe?Endpoint=ops@example.org

        """
    }

    @Test func eachBouncedRecipientIsOneEventWithItsDiagnosticCode() throws {
        let events = try Fixtures.events(ofMessage: Self.message(body: Self.bounce))
        #expect(events.map(\.recipient) == ["gone@example.com", "full@example.net"])
        #expect(events.first?.text == "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown")
        #expect(events.last?.text == "5.2.2 552 Mailbox quota exceeded {over by 3 MB}")
        #expect(events.first?.remoteIP == "192.0.2.25")
        #expect(events.first?.status == .bounced)
        #expect(events.first?.time?.iso8601.hasPrefix("2026-06-03T08:00:01") == true)
    }

    @Test func aNotificationWrappedBySNSIsReadFromItsMessageString() throws {
        let escaped = Self.bounce.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\"")
        let wrapped = """
            {
              "Type" : "Notification",
              "MessageId" : "00000000-0000-0000-0000-000000000001",
              "Message" : "\(escaped)",
              "UnsubscribeURL" : "https://sns.example.org/?Action=Unsubscribe"
            }
            """
        let events = try Fixtures.events(ofMessage: Self.message(body: wrapped))
        #expect(events.map(\.recipient) == ["gone@example.com", "full@example.net"])
        #expect(events.first?.text.contains("User unknown") == true)
    }

    @Test func aNotificationBrokenBySendmailsLineLimitIsJoinedAgain() throws {
        let index = Self.bounce.index(Self.bounce.startIndex, offsetBy: 300)
        let broken = String(Self.bounce[..<index]) + "!\n " + String(Self.bounce[index...])
        let events = try Fixtures.events(ofMessage: Self.message(body: broken))
        #expect(events.map(\.recipient) == ["gone@example.com", "full@example.net"])
    }

    @Test func aRecipientWithoutDiagnosticCodeIsDescribedByItsStatusAndBounceType() throws {
        let body = """
            {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"Suppressed",\
            "bouncedRecipients":[{"emailAddress":"listed@example.com"}]},"mail":{}}
            """
        let events = try Fixtures.events(ofMessage: Self.message(body: body))
        #expect(events.map(\.text) == ["Permanent Suppressed"])
    }

    @Test func complaintsAndDeliveriesAreNotFailures() throws {
        for kind in ["Complaint", "Delivery"] {
            let body = """
                {"notificationType":"\(kind)","mail":{"destination":["someone@example.com"]}}
                """
            #expect(try Fixtures.events(ofMessage: Self.message(body: body)).isEmpty)
        }
        let complaint = AmazonSESNotification(body: #"  {"eventType":"Complaint","complaint":{}} trailing"#)
        #expect(complaint?.kind == .complaint)
    }

    @Test func aBodyThatDoesNotStartWithAnObjectIsNoNotification() {
        #expect(AmazonSESNotification(body: "550 5.1.1 {not json}") == nil)
        #expect(AmazonSESNotification(body: "{\"notificationType\": \"Bounce\"") == nil)
        #expect(AmazonSESNotification(body: "{\"other\": 1}") == nil)
        #expect(AmazonSESNotification.leadingObject(in: #"{"a":"}{"} rest {"#)?["a"] as? String == "}{")
    }
}
