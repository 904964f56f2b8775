import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

/// The key under which `analyze` remembers a diagnosis: failures that differ only in what the knowledge base cannot
/// see share it, and a name the knowledge base mentions keeps failures apart.
@Suite struct EventCacheKeyTests {
    static let diagnoser: Result<EventDiagnoser, InvalidKnowledgeBase> = Result { () throws(InvalidKnowledgeBase) in
        EventDiagnoser(engine: InferenceEngine(knowledgeBase: try KnowledgeBase.load([.builtIn])))
    }

    static func key(_ text: String) throws -> String {
        let event = FailureEvent(
            format: .syslog, input: "mail.log", line: 1, status: .bounced, text: text, sample: text)
        return try diagnoser.get().cacheKey(for: event)
    }

    @Test func domainsTheKnowledgeBaseNeverMentionsShareAKey() throws {
        let one = try Self.key(
            "host mx.norven.example[192.0.2.1] said: 550 5.7.509 Access denied, sending domain finel-wes.jp does not "
                + "pass DMARC verification and has a DMARC policy of reject.")
        let two = try Self.key(
            "host mx.berlo.example[192.0.2.9] said: 550 5.7.509 Access denied, sending domain kaber-ros.jp does not "
                + "pass DMARC verification and has a DMARC policy of reject.")
        #expect(one == two)
    }

    @Test func aNameTheKnowledgeBaseMentionsKeepsFailuresApart() throws {
        let blocklisted = try Self.key("554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org")
        let other = try Self.key("554 5.7.1 Service unavailable; Client host blocked using rbl.norven.jp")
        #expect(blocklisted != other)
        let microsoft = try Self.key("host contoso-com.mail.protection.outlook.com said: 550 5.7.1 rejected")
        let unknown = try Self.key("host mx.norven.jp said: 550 5.7.1 rejected")
        #expect(microsoft != unknown)
    }

    @Test func bracketedWordsAndTheFilesOfALinkCollapseUnlessTheRulesTestForThem() throws {
        #expect(
            try Self.key("450 4.7.1 <lumven>: Helo command rejected: Host not found")
                == Self.key("450 4.7.1 <WIN-7QX2>: Helo command rejected: Host not found"))
        #expect(
            try Self.key("450 4.2.0 Greylisted, see http://postgrey.example.ch/help/torsen.co.uk.html")
                == Self.key("450 4.2.0 Greylisted, see http://postgrey.example.ch/help/kaber.jp.html"))
        #expect(
            try Self.key("504 5.5.2 <localhost>: Helo command rejected")
                != Self.key("504 5.5.2 <lumven>: Helo command rejected"))
    }

    @Test func aNameKeepsItsLabelsFromTheFirstPhraseOn() throws {
        let one = try Self.key("554 delivery error: dd This user doesn't have an account - mta817.mail.gq1.yahoo.com")
        let two = try Self.key("554 delivery error: dd This user doesn't have an account - mta5.mail.bf2.yahoo.com")
        let other = try Self.key("554 delivery error: dd This user doesn't have an account - mta5.mail.bf2.norven.com")
        #expect(one == two)
        #expect(one != other)
        #expect(one.hasSuffix("#.yahoo.com"))
    }

    @Test func failuresThatShareAKeyGetTheSameDiagnosis() throws {
        let diagnoser = try Self.diagnoser.get()
        let texts = [
            "host a.example[192.0.2.1] said: 554 delivery error: dd This user doesn't have a finros.se account",
            "host b.example[192.0.2.2] said: 554 delivery error: dd This user doesn't have a lumwes.se account",
        ]
        let events = texts.map {
            FailureEvent(format: .syslog, input: "mail.log", line: 1, status: .bounced, text: $0, sample: $0)
        }
        #expect(diagnoser.cacheKey(for: events[0]) == diagnoser.cacheKey(for: events[1]))
        #expect(
            diagnoser.uncachedDiagnosis(of: events[0]).diagnosisID
                == diagnoser.uncachedDiagnosis(of: events[1]).diagnosisID)
    }
}
