import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

/// Every fixture format, read and diagnosed with the built-in knowledge base: each event with its expected line,
/// status, recipient and best diagnosis.
@Suite struct LogAnalyzerTests {
    struct Expected: CustomTestStringConvertible, Sendable {
        typealias Event = (line: Int, status: FailureStatus, recipient: String?, diagnosis: String?)
        let file: String
        let format: LogFormat
        let events: [Event]
        var testDescription: String { file }
    }

    // The built-in rules are verified at build time; a failure here fails every test below.
    static let engine: Result<InferenceEngine, InvalidKnowledgeBase> = Result { () throws(InvalidKnowledgeBase) in
        InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn]))
    }

    /// The failures of the Postfix fixture, read alike from the plain and the gzip-compressed copy.
    static let postfixEvents: [Expected.Event] = [
        (5, .bounced, "bob@example.com", "recipient.unknown-user"),
        (9, .deferred, "dave@unreachable.example", "connection.connect-timeout"),
        (10, .bounced, "erin@contoso.com", "reputation.exo-blocked-onprem-ip-spamhaus"),
        (11, .bounced, "frank@gmail.com", "sender-authentication.dmarc-policy-rejection"),
        (12, .rejected, "spam@example.net", "relay.inbound-relay-attempt-refused"),
        (13, .expired, nil, "expired.postfix-queue-lifetime"),
        (15, .bounced, "gr\u{FFFD}\u{FFFD}e@example.com", "recipient.unknown-user"),
    ]

    /// The failures of the Exim fixtures, read alike from the main log and from syslog.
    static let eximEvents: [Expected.Event] = [
        (2, .bounced, "bob@example.com", "recipient.unknown-user"),
        (4, .deferred, "dave@unreachable.example", "connection.connect-timeout"),
        (5, .rejected, "spam@example.net", "relay.inbound-relay-attempt-refused"),
    ]

    static let expectations: [Expected] = [
        Expected(
            file: "postfix-mail.log", format: .syslog,
            events: postfixEvents),
        Expected(
            file: "postfix-mail.log.1.gz", format: .syslog,
            events: postfixEvents),
        Expected(
            file: "sendmail-maillog", format: .syslog,
            events: [
                (2, .bounced, "bob@example.com", "recipient.unknown-user"),
                (4, .deferred, "dave@unreachable.example", "connection.refused"),
                (5, .rejected, "spam@example.net", "relay.inbound-relay-attempt-refused"),
            ]),
        Expected(
            file: "exim-syslog", format: .syslog,
            events: eximEvents),
        Expected(
            file: "exim-mainlog", format: .eximMainLog,
            events: eximEvents),
        Expected(
            file: "SmtpSend-20260501-1.LOG", format: .exchangeProtocolLog,
            events: [
                (14, .bounced, "bob@example.com", "recipient.unknown-user"),
                (22, .bounced, nil, "reputation.microsoft-banned-sending-ip"),
            ]),
        Expected(
            file: "SmtpReceive-20260501-1.LOG", format: .exchangeProtocolLog,
            events: [(13, .rejected, "spam@example.net", "relay.inbound-relay-attempt-refused")]),
        Expected(
            file: "MSGTRK2026050106-1.LOG", format: .exchangeTrackingLog,
            events: [
                (7, .bounced, "bob@example.com", "recipient.unknown-user"),
                (9, .deferred, "dave@unreachable.example", "connection.exchange-next-hop-failure"),
            ]),
        Expected(
            file: "message-trace-detail.csv", format: .messageTraceCSV,
            events: [
                (4, .bounced, "bob@example.com", "recipient.not-found-by-address-lookup"),
                (5, .bounced, "carol@fabrikam.com", "reputation.microsoft-traffic-not-accepted"),
            ]),
        // Get-MessageTrace gives no reason: the failure is counted but honestly not diagnosed.
        Expected(file: "message-trace.csv", format: .messageTraceCSV, events: [(2, .bounced, "bob@example.com", nil)]),
        Expected(
            file: "bounces/exchange-online-ndr.eml", format: .emailMessage,
            events: [(1, .bounced, "dan@fabrikam.com", "recipient.not-found-by-address-lookup")]),
        Expected(
            file: "bounces/gmail-dsn.eml", format: .emailMessage,
            events: [(1, .bounced, "nobody@gmail.com", "recipient.unknown-user")]),
        Expected(
            file: "maildir/cur/1714543620.M1P2.mx1:2,S", format: .emailMessage,
            events: [(1, .bounced, "bob@example.com", "recipient.unknown-user")]),
        Expected(
            file: "maildir/new/1714547230.M7P8.mx1", format: .emailMessage,
            events: [(1, .bounced, "dave@unreachable.example", "relay.postfix-relay-access-denied")]),
        Expected(
            file: "bounces.mbox", format: .mbox,
            events: [
                (1, .bounced, "bob@example.com", "recipient.unknown-user"),
                // A delay notice whose reply names the cause: the cause ranks first, the delay after it.
                (64, .delayed, "dave@unreachable.example", "connection.closed-by-server"),
            ]),
    ]

    @Test(arguments: expectations)
    func eachFormatIsRecognisedAndEveryEventDiagnosed(_ expected: Expected) throws {
        var seen: [(FailureEvent, EventDiagnosis)] = []
        let analysis = LogAnalyzer(engine: try Self.engine.get()).run(
            [Fixtures.path(expected.file)], onEvent: { seen.append(($0, $1)) })
        #expect(analysis.statistics.formats == [expected.format: 1])
        #expect(seen.count == expected.events.count)
        for ((event, diagnosis), want) in zip(seen, expected.events) {
            #expect(event.line == want.line)
            #expect(event.status == want.status, "line \(want.line)")
            #expect(event.recipient == want.recipient, "line \(want.line)")
            #expect(diagnosis.diagnosisID == want.diagnosis, "line \(want.line): \(event.text)")
        }
    }

    @Test func aFolderIsReadRecursivelyAndGroupedByDiagnosis() throws {
        let analysis = LogAnalyzer(engine: try Self.engine.get(), sampleLimit: 2).run([Fixtures.path("maildir")])
        #expect(analysis.statistics.messages == 2)
        #expect(analysis.summary.total == 2)
        let group = try #require(analysis.summary.groups["outbound/recipient.unknown-user"])
        #expect(group.recipientDomains.counts == ["example.com": 1])
        #expect(group.relays.counts == ["mx.example.com": 1])
        #expect(!(analysis.checklists["outbound/recipient.unknown-user"] ?? []).isEmpty)
    }

    @Test func aggregationCountsDomainsRelaysHoursAndFirstAndLastSeen() throws {
        let analysis = LogAnalyzer(engine: try Self.engine.get()).run([Fixtures.path("postfix-mail.log")])
        let summary = analysis.summary
        #expect(summary.total == 7)
        #expect(summary.statuses[.bounced] == 4)
        // The NOQUEUE relay refusal at 07:13 is our MX refusing a client: counted on the inbound side only.
        let outbound = try #require(summary.counts[.outbound])
        let inbound = try #require(summary.counts[.inbound])
        #expect(outbound.total == 6 && inbound.total == 1)
        #expect(outbound.recipientDomains.counts["example.com"] == 2)
        #expect(outbound.relays.counts["mx.example.com"] == 2)
        #expect(inbound.recipientDomains.counts == ["example.net": 1])
        #expect(inbound.relays.counts == ["198.51.100.23": 1])
        #expect(outbound.categories[inbound.categories.keys.first ?? ""] == nil)
        // The fixture's syslog times have no year: it comes from the file's modification date.
        let modified = try FileManager.default.attributesOfItem(atPath: Fixtures.path("postfix-mail.log"))
        let date = try #require(modified[.modificationDate] as? Date)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = try #require(parts.year) - ((parts.month ?? 12, parts.day ?? 31) < (5, 1) ? 1 : 0)
        #expect(outbound.hours.counts == ["\(year)-05-01T06": 2, "\(year)-05-01T07": 2, "\(year)-05-01T08": 2])
        #expect(inbound.hours.counts == ["\(year)-05-01T07": 1])
        #expect(summary.firstSeen?.iso8601 == "\(year)-05-01T06:06:57")
        #expect(summary.lastSeen?.iso8601 == "\(year)-05-01T08:00:03")
        #expect(summary.rankedGroups.first?.diagnosisID == "recipient.unknown-user")
        #expect(summary.rankedGroups.first?.count == 2)
    }

    @Test func repeatedFailuresAreServedFromTheCache() throws {
        let analysis = LogAnalyzer(engine: try Self.engine.get()).run([
            Fixtures.path("postfix-mail.log"), Fixtures.path("postfix-mail.log.1.gz"),
        ])
        #expect(analysis.summary.total == 14)
        #expect(analysis.cacheMisses == 6)
        #expect(analysis.cacheHits == 8)
    }
}
