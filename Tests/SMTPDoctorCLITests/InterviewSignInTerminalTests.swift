import Foundation
import Testing

/// The interview's sign-in test in a real terminal against the real Postfix and Dovecot on loopback
/// (`scripts/mail-servers/setup.sh`): a person who has no error message names the server, agrees to the probes and
/// to the sign-in test, types the account and a wrong password, and the server's refusal decides the ranking — while
/// the password never appears on the screen.
@Suite struct InterviewSignInTerminalTests {
    /// The loopback mail servers' submission port, account and test CA, from the file `setup.sh` writes.
    struct MailServer {
        var host: String
        var submissionPort: String
        var user: String
        var caFile: String

        static let path =
            ProcessInfo.processInfo.environment["SMTP_DOCTOR_MAIL_ENV"]
            ?? "/tmp/smtp-doctor-mail-servers/connection.env"

        static func read() -> MailServer? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            var values: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { values[parts[0]] = parts[1] }
            }
            guard let host = values["SMTP_TEST_HOST"], let port = values["SMTP_TEST_PORT_SUBMISSION"],
                let user = values["SMTP_TEST_USER"], let caFile = values["SMTP_TEST_CA_FILE"]
            else { return nil }
            return MailServer(host: host, submissionPort: port, user: user, caFile: caFile)
        }
    }

    /// A wrong password, which must be sent to the server and never shown.
    static let wrongPassword = "Wrong-Pass-7731"

    /// The story: an application on the company's own server fails at once; the person names the server in reply
    /// to the second question, whatever it is, and answers the rest as below (unknown when not listed).
    static func answer(to question: Substring, server: MailServer) -> String {
        let story: [(question: String, answer: String)] = [
            ("What sends the mail", "application"),
            ("What does the sender see", "error-at-once"),
            ("Which mail service", "other"),
            ("Which SMTP server and port", "\(server.host):\(server.submissionPort)"),
            ("Which encryption setting", "starttls"),
            ("How does the application sign in", "basic"),
        ]
        return story.first { question.contains($0.question) }?.answer ?? "unknown"
    }

    @Test(
        .enabled(
            if: (TmuxSession.isAvailable && MailServer.read() != nil) || TmuxSession.inCI,
            "SKIPPED LOUDLY: tmux or the loopback mail servers are missing, so the interview's sign-in test was not played. Install tmux and run `bash scripts/mail-servers/setup.sh`; .ci/run does both, and in CI this test fails instead."
        ))
    func aWrongPasswordTypedWithoutEchoIsRefusedByTheServerAndLeadsTheRanking() throws {
        try #require(TmuxSession.isAvailable, "tmux is required in CI (.ci/run installs it with apt-get)")
        let server = try #require(MailServer.read(), "\(MailServer.path) is written by scripts/mail-servers/setup.sh")
        let session = TmuxSession()
        defer { session.close() }
        try session.startInterview("--no-color --ca-file \(server.caFile)", columns: 160, rows: 50)
        var screen = try session.wait(for: "1. ")
        var number = 1
        var probed = false
        while !screen.contains("EXIT="), !screen.contains("Likely causes"), number <= 30 {
            if !probed, screen.contains("Run the live probes") {
                probed = true
                try session.type("y")
                _ = try session.wait(for: "Test the account", seconds: 180)
                try session.type("y")
                _ = try session.wait(for: "Account (")
                try session.type(server.user)
                _ = try session.wait(for: "Password for")
                try session.type(Self.wrongPassword)
                _ = try session.wait(for: "Sign-in test:", seconds: 180)
            } else {
                guard let range = screen.range(of: "\n\(number). ", options: .backwards) else { break }
                let question = screen[range.upperBound...].prefix { $0 != "\n" }
                try session.type(
                    number == 2 ? "\(server.host):\(server.submissionPort)" : Self.answer(to: question, server: server))
                number += 1
            }
            screen = try session.wait(
                for: "EXIT=", orAnyOf: ["\n\(number). ", "Likely causes"] + (probed ? [] : ["Run the live probes"]),
                seconds: 180)
        }
        screen = try session.wait(for: "EXIT=", seconds: 180)
        #expect(probed, "the live probes were never offered:\n\(screen)")
        #expect(screen.contains("Sign-in test: the server refused them: 535"), "\(screen)")
        #expect(!screen.contains(Self.wrongPassword), "the password reached the screen:\n\(screen)")
        let causes = try #require(screen.range(of: "Likely causes"))
        let first = screen[causes.upperBound...].split(separator: "\n").first { $0.hasPrefix("1. ") }
        #expect(first?.lowercased().contains("password") == true, "\(screen)")
    }
}
