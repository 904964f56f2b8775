import Foundation
import Testing

/// The interview's DNS lookup in a real terminal against the NSD of `scripts/dns-server/start.sh`: a person whose
/// mail lands in the recipients' spam folder types the sending domain where the interview asks which of SPF, DKIM
/// and DMARC it publishes, and the domain's missing SPF record, found by the lookup, leads the ranking.
@Suite struct InterviewDomainLookupTerminalTests {
    static let dnsServer = "127.0.0.1:\(ProcessInfo.processInfo.environment["DNS_TEST_PORT"] ?? "5353")"

    /// A domain of the test zone with MX, DKIM and DMARC records and no SPF record.
    static let domain = "spfnone.dnscheck.test"

    static let story: [(question: String, answer: String)] = [
        ("What sends the mail", "application"),
        ("What does the sender see", "nothing"),
        ("Which recipients are affected", "external-only"),
        ("What do the recipients see", "spam-folder"),
        ("Which of SPF, DKIM and DMARC", "billing@\(domain)"),
    ]

    @Test(
        .enabled(
            if: TmuxSession.isAvailable || TmuxSession.inCI,
            "SKIPPED LOUDLY: tmux is not installed, so the interview's DNS lookup was not played in a terminal. Install tmux (apt-get install -y tmux); .ci/run does, and in CI this test fails instead."
        ))
    func theSendingDomainTypedForTheRecordsQuestionIsLookedUp() throws {
        try #require(TmuxSession.isAvailable, "tmux is required in CI (.ci/run installs it with apt-get)")
        let session = TmuxSession()
        defer { session.close() }
        try session.startInterview("--no-color --dns-server \(Self.dnsServer)", columns: 160, rows: 50)
        var screen = try session.wait(for: "1. ")
        var number = 1
        var lookedUp = false
        while !screen.contains("EXIT="), !screen.contains("Likely causes"), number <= 30 {
            guard let range = screen.range(of: "\n\(number). ", options: .backwards) else { break }
            let question = screen[range.upperBound...].prefix { $0 != "\n" }
            let answer = Self.story.first { question.contains($0.question) }?.answer ?? "unknown"
            try session.type(answer)
            if answer.contains(Self.domain) {
                lookedUp = true
                screen = try session.wait(for: "spf:", seconds: 120)
                if screen.contains("test DNS server") || screen.contains("could not run") { break }
            }
            number += 1
            screen = try session.wait(for: "EXIT=", orAnyOf: ["\n\(number). ", "Likely causes"], seconds: 120)
        }
        screen = try session.wait(for: "EXIT=", seconds: 120)
        guard !screen.contains("spf: error") else {
            let message = "⚠️  The test DNS server does not answer on \(Self.dnsServer): run scripts/dns-server/start.sh"
            if TmuxSession.inCI { Issue.record("\(message)") } else { print(message) }
            return
        }
        #expect(lookedUp, "the records question was never asked:\n\(screen)")
        #expect(screen.contains("Looking up \(Self.domain) in DNS"), "\(screen)")
        #expect(screen.contains("spf: problem"), "\(screen)")
        let causes = try #require(screen.range(of: "Likely causes"))
        let first = screen[causes.upperBound...].split(separator: "\n").first { $0.hasPrefix("1. ") }
        #expect(first?.contains("SPF") == true, "\(screen)")
    }
}
