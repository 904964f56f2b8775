import Foundation
import Testing

@Suite struct InterviewCommandTests {
    static let smtpAuthDisabled =
        "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."

    /// Writes an answers file and returns its path.
    static func answersFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func scriptedAnswersGiveTheDiagnosisAndWhatWasAsked() async throws {
        let file = try Self.answersFile("error: \"\(Self.smtpAuthDisabled)\"\nprovider: microsoft-365\n")
        let output = try await CommandRunner.run(["interview", "--answers", file])
        #expect(output.status == 0)
        let text = output.standardOutput
        // The interview asks for the error; the provider the file also gives is recorded after it.
        #expect(text.contains("Interview (2 questions; one cause is certain enough)"))
        #expect(text.contains("What error message"))
        #expect(text.contains("→ 535 5.7.139"))
        #expect(text.contains("1. SMTP AUTH is turned off"))
        #expect(text.contains("What to do"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test func reportFileIsWrittenBesideTheUsualOutput() async throws {
        let file = try Self.answersFile("error: \"\(Self.smtpAuthDisabled)\"\n")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("case-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        let output = try await CommandRunner.run(["interview", "--answers", file, "--report", report.path])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("What to do"))
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("<html"))
        #expect(html.contains("auth.smtp-auth-disabled"))
        #expect(html.contains("answer"))
    }

    @Test func markdownGoesToStandardOutputWhenAskedFor() async throws {
        let file = try Self.answersFile("error: \"\(Self.smtpAuthDisabled)\"\n")
        let output = try await CommandRunner.run(["interview", "--answers", file, "--format", "markdown"])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("#"))
        #expect(output.standardOutput.contains("auth.smtp-auth-disabled"))
    }

    @Test func scriptedJSONKeepsTheDiagnoseContractAndAddsTheInterview() async throws {
        let file = try Self.answersFile("error: \"\(Self.smtpAuthDisabled)\"\n")
        let first = try await CommandRunner.run(["interview", "--answers", file, "--format", "json"])
        let second = try await CommandRunner.run(["interview", "--answers", file, "--format", "json"])
        #expect(first.status == 0)
        #expect(first.standardOutput == second.standardOutput, "the scripted mode gives the same result every time")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any])
        for key in ["schemaVersion", "tool", "facts", "codes", "diagnoses", "checklist", "interview"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.first?["id"] as? String == "auth.smtp-auth-disabled")
        let interview = try #require(object["interview"] as? [String: Any])
        #expect(interview["ending"] as? String == "confident")
        let asked = try #require(interview["asked"] as? [[String: Any]])
        #expect(asked.first?["question"] as? String == "error")
        #expect(asked.first?["answer"] as? String == Self.smtpAuthDisabled)
        let facts = try #require(object["facts"] as? [[String: Any]])
        #expect(facts.contains { $0["name"] as? String == "reply.enhanced" && $0["source"] as? String == "answer" })
    }

    @Test func questionsTheFileDoesNotAnswerCountAsUnknown() async throws {
        let file = try Self.answersFile("volume: bursts\n")
        let output = try await CommandRunner.run(["interview", "--answers", file, "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let interview = try #require(object["interview"] as? [String: Any])
        let asked = try #require(interview["asked"] as? [[String: Any]])
        #expect(asked.count >= 2)
        #expect(asked.first?["answer"] as? String == "unknown")
    }

    @Test func aWrongQuestionIdOrAnswerIsAUsageErrorWithTheLine() async throws {
        let badID = try await CommandRunner.run(["interview", "--answers", try Self.answersFile("colour: red\n")])
        #expect(badID.status == 64)
        #expect(badID.standardError.contains(":1: 'colour' is neither a question id nor a fact name"))
        let nearMiss = try await CommandRunner.run([
            "interview", "--answers", try Self.answersFile("auth-typ: basic\n"),
        ])
        #expect(nearMiss.status == 64)
        #expect(nearMiss.standardError.contains(":1: 'auth-typ' is neither a question id nor a fact name"))
        #expect(nearMiss.standardError.contains("did you mean 'auth-type'?"))
        let badAnswer = try await CommandRunner.run([
            "interview", "--answers", try Self.answersFile("provider: microsoft-365\nauth-type: kerberos\n"),
        ])
        #expect(badAnswer.status == 64)
        #expect(badAnswer.standardError.contains(":2: 'kerberos' does not answer 'auth-type'"))
    }

    @Test func aPipedDialogueEndsWithTheRankingAtTheEndOfInput() async throws {
        let output = try await CommandRunner.run(["interview"], input: "?\n\(Self.smtpAuthDisabled)\n")
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("It separates:"))
        #expect(output.standardOutput.contains("auth.smtp-auth-disabled"))
        let quiet = try await CommandRunner.run(["interview"], input: "")
        #expect(quiet.status == 3)
        #expect(quiet.standardOutput.contains("end of input"))
        #expect(quiet.standardOutput.contains("Interview (0 questions; the input ended)"))
    }

    @Test func backUndoesAndQuitStopsWithTheCurrentRanking() async throws {
        let output = try await CommandRunner.run(
            ["interview"], input: "back\n\(Self.smtpAuthDisabled)\n", environment: ["NO_COLOR": "1"])
        #expect(output.standardOutput.contains("Nothing to undo yet."))
        let quit = try await CommandRunner.run(["interview"], input: "unknown\nquit\n")
        #expect(quit.standardOutput.contains("stopped on request"))
        #expect(quit.standardOutput.contains("→ unknown"))
    }

    @Test func oneAnswersFileServesTheInterviewAndTheReport() async throws {
        let file = try Self.answersFile(
            "provider: microsoft-365\nsituation.sender: device\nsign-in-elsewhere: works\nsmtp-test: authentication-failed\n"
        )
        let interview = try await CommandRunner.run(["interview", "--answers", file, "--format", "json"])
        let report = try await CommandRunner.run(["report", "--answers", file, "--format", "json"])
        #expect(interview.status == 0)
        #expect(report.status == 0)
        let interviewObject = try #require(
            try JSONSerialization.jsonObject(with: Data(interview.standardOutput.utf8)) as? [String: Any])
        let reportObject = try #require(
            try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any])
        for diagnoses in [
            interviewObject["diagnoses"] as? [[String: Any]],
            (reportObject["diagnosis"] as? [String: Any])?["diagnoses"] as? [[String: Any]],
        ] {
            #expect(diagnoses?.first?["id"] as? String == "auth.smtp-auth-disabled")
        }
    }
}
