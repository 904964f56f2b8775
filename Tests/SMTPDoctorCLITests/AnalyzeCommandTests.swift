import Foundation
import Testing

@Suite struct AnalyzeCommandTests {
    static let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/analyze")

    @Test func textReportGroupsFailuresWithSamplesAndAChecklist() async throws {
        let output = try await CommandRunner.run([
            "analyze", Self.fixtures.appendingPathComponent("postfix-mail.log").path,
        ])
        #expect(output.status == 0)
        let text = output.standardOutput
        #expect(text.contains("Failures: 7"))
        #expect(text.contains("By category"))
        #expect(text.contains("By recipient domain"))
        #expect(text.contains("By relay"))
        #expect(text.contains("Per hour"))
        #expect(text.contains("recipient.unknown-user"))
        #expect(text.contains("Samples:"))
        #expect(text.contains("What to do:"))
        #expect(text.contains("Input problems: 1 malformed line(s), 1 with invalid UTF-8"))
        #expect(output.standardError.isEmpty, "no progress bar when standard error is not a terminal")
    }

    @Test func jsonReportCoversEveryFormatOfTheFixtures() async throws {
        let output = try await CommandRunner.run(["analyze", "--format", "json", Self.fixtures.path])
        #expect(output.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 2)
        let input = try #require(object["input"] as? [String: Any])
        let formats = try #require(input["formats"] as? [String: Int])
        #expect(
            Set(formats.keys) == [
                "syslog", "exim-main-log", "exchange-protocol-log", "exchange-tracking-log", "message-trace-csv",
                "email-message", "mbox",
            ])
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.first?["diagnosis"] as? String == "recipient.unknown-user")
        #expect((groups.first?["samples"] as? [Any])?.isEmpty == false)
        #expect((groups.first?["checklist"] as? [Any])?.isEmpty == false)
    }

    @Test func jsonlWritesEachEventAsSoonAsItIsRead() throws {
        let process = Process()
        process.executableURL = CommandRunner.program
        process.arguments = ["analyze", "--jsonl", "-"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let line =
            "May  1 06:06:57 mx1 postfix/smtp[915]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, "
            + "delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: "
            + "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n"
        input.fileHandleForWriting.write(Data(line.utf8))
        // Standard input stays open: the record must arrive before the end of input.
        var received = Data()
        while !received.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let first = try #require(String(decoding: received, as: UTF8.self).split(separator: "\n").first)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(record["recipient"] as? String == "bob@example.com")
        #expect(record["replyCode"] as? Int == 550)
        #expect(record["stage"] as? String == "rcpt-to")
        #expect((record["diagnosis"] as? [String: Any])?["id"] as? String == "recipient.unknown-user")
        #expect(process.terminationStatus == 0)
    }

    @Test func withoutPathsTheCommandSaysWhatToGive() async throws {
        let output = try await CommandRunner.run(["analyze"])
        #expect(output.status == 64)
    }

    @Test func aCorruptGzipFileIsAnInputProblemAndTheExitStatusSaysSo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mail.log.1.gz")
        try Data([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03] + Array("abcdefghij".utf8)).write(to: file)
        let output = try await CommandRunner.run(["analyze", file.path])
        #expect(output.status == 66)
        #expect(output.standardOutput.contains("Input problems: 1 unreadable input(s)"))
        #expect(output.standardOutput.contains("unreadable: \(file.path): corrupt gzip data"))
        #expect(!output.standardOutput.contains("No delivery failures found."))
        #expect(output.standardError.contains("could not be read"))
    }

    @Test func htmlDocumentIsWrittenToTheOutputFile() async throws {
        let fixture = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/analyze/postfix-mail.log").path
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("week-\(UUID()).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await CommandRunner.run(["analyze", "--no-progress", fixture, "-o", file.path])
        #expect(output.status == 0)
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("recipient.unknown-user"))
    }
}
