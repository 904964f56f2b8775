import Foundation
import SMTPDoctorCore
import Testing

/// Reading: format detection by content, and every kind of bad input counted rather than fatal.
@Suite struct LogReaderTests {
    private func read(_ paths: [String]) -> (InputStatistics, [FailureEvent]) {
        var reader = LogReader()
        var events: [FailureEvent] = []
        for path in paths { reader.read(path) { events.append($0) } }
        return (reader.statistics, events)
    }

    private func write(_ bytes: [UInt8], to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func formatIsRecognisedByContentNotByName() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("SmtpSend-20260501-1.LOG")))
        let renamed = try write(Array(source), to: "whatever.txt", in: folder)
        let (statistics, events) = read([renamed])
        #expect(statistics.formats == [.exchangeProtocolLog: 1])
        #expect(events.count == 2)
    }

    @Test func malformedLinesAndInvalidUTF8AreCounted() {
        let (statistics, events) = read([Fixtures.path("postfix-mail.log")])
        #expect(statistics.malformedLines == 1)
        #expect(statistics.invalidUTF8 == 1)
        #expect(statistics.lines == 15)
        #expect(events.count == 7)
    }

    @Test func absurdlyLongLinesAreSkippedAndCounted() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("postfix-mail.log"))))
        let long =
            "May  1 09:00:00 mx1 postfix/smtp[1]: X: to=<a@b.example>, status=bounced ("
            + String(
                repeating: "x", count: 200_000) + ")\n"
        bytes = Array(long.utf8) + bytes
        let path = try write(bytes, to: "mail.log", in: folder)
        let (statistics, events) = read([path])
        #expect(statistics.overlongLines == 1)
        #expect(events.count == 7)
    }

    @Test func aTruncatedGzipFileKeepsWhatWasReadAndIsCounted() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("postfix-mail.log.1.gz"))))
        let path = try write(Array(whole.prefix(whole.count * 2 / 3)), to: "mail.log.2.gz", in: folder)
        let (statistics, events) = read([path])
        #expect(statistics.truncatedInputs >= 1)
        #expect(statistics.formats == [.syslog: 1])
        #expect(events.count < 7)
    }

    @Test func aFileCutInTheMiddleOfALineIsCountedAsTruncated() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("exim-mainlog"))))
        let path = try write(Array(whole.dropLast(40)), to: "mainlog", in: folder)
        let (statistics, _) = read([path])
        #expect(statistics.truncatedInputs == 1)
    }

    @Test func unknownAndMissingInputsAreReportedNotFatal() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let noise = try write(Array("just some text\nnothing to see\n".utf8), to: "notes.txt", in: folder)
        let binary = try write((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }, to: "blob.bin", in: folder)
        let (statistics, events) = read([noise, binary, folder.path + "/missing.log"])
        #expect(events.isEmpty)
        #expect(statistics.unrecognisedInputs.count == 2)
        #expect(statistics.unreadableInputs.count == 1)
    }

    @Test func aMessageThatIsNotABounceIsCountedButGivesNoEvent() {
        let (statistics, events) = read([Fixtures.path("bounces.mbox")])
        #expect(statistics.messages == 3)
        // The delay notice holds no failure either; its recipient is still passed on, as a delay.
        #expect(statistics.messagesWithoutFailure == 2)
        #expect(statistics.nonFailureMessages[.delayNotice] == 1)
        #expect(events.count == 2)
    }

    @Test func aCorruptGzipFileIsReportedAsUnreadable() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A gzip header followed by bytes that are no deflate stream: 20 bytes in all.
        let corrupt: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03] + Array("abcdefghij".utf8)
        let path = try write(corrupt, to: "mail.log.2.gz", in: folder)
        let (statistics, events) = read([path])
        #expect(events.isEmpty)
        #expect(statistics.unreadableInputs.count == 1)
        #expect(statistics.unreadableInputs.first?.contains("corrupt gzip data") == true)
        #expect(statistics.hasUnreadableInputs)
    }

    @Test func anEmptyGzipFileAndAnEmptyFolderAreReportedAsEmpty() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // `gzip < /dev/null`: a valid gzip file of nothing, 20 bytes.
        let empty: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let path = try write(empty, to: "mail.log.3.gz", in: folder)
        let nothing = folder.appendingPathComponent("nothing")
        try FileManager.default.createDirectory(at: nothing, withIntermediateDirectories: false)
        let (statistics, _) = read([path, nothing.path])
        #expect(statistics.emptyInputs.count == 2)
        #expect(statistics.unreadableInputs.isEmpty)
        #expect(statistics.hasProblems)
        #expect(statistics.skippedInputs(limit: 5).allSatisfy { $0.hasPrefix("empty: ") })
    }

    @Test func aBrokenLinkInAFolderIsReportedNotSkipped() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("gone.eml").path, withDestinationPath: folder.path + "/missing")
        let (statistics, _) = read([folder.path])
        #expect(statistics.unreadableInputs == ["\(folder.path)/gone.eml: broken symbolic link"])
    }

    @Test func aFolderThatCannotBeListedIsReported() throws {
        let folder = try Fixtures.temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path + "/locked")
            try? FileManager.default.removeItem(at: folder)
        }
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        _ = try write(Array("From: a@example.com\n".utf8), to: "x.eml", in: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        // The superuser lists any folder; there is nothing to observe then (UnreadableInputTests in the command-line
        // tests runs the program as `nobody` instead).
        guard access(locked.path, R_OK) != 0 else {
            print(
                "LogReaderTests: SKIPPED aFolderThatCannotBeListedIsReported: permissions do not apply to this user; "
                    + "UnreadableInputTests checks it as nobody")
            return
        }
        let (statistics, _) = read([folder.path])
        #expect(statistics.unreadableInputs.count == 1)
        #expect(statistics.unreadableInputs.first?.hasPrefix("\(locked.path): the folder cannot be listed") == true)
    }

    @Test func syslogTimesWithoutAYearTakeTheYearOfTheFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let line = { (time: String) in
            "\(time) mx1 postfix/smtp[915]: 4F2A1B3C9D: to=<bob@example.com>, relay=mx.example.com[203.0.113.7]:25, "
                + "delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.1.1, status=bounced (host mx.example.com[203.0.113.7] said: "
                + "550 5.1.1 <bob@example.com>: User unknown (in reply to RCPT TO command))\n"
        }
        let path = try write(
            Array((line("Dec 31 23:59:58") + line("Jan  2 00:00:01")).utf8), to: "mail.log", in: folder)
        // Written on 3 January 2026: the December line is from 2025.
        let written = Date(timeIntervalSince1970: 1_767_398_400)
        try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: path)
        let (_, events) = read([path])
        #expect(events.map { $0.time?.iso8601 } == ["2025-12-31T23:59:58", "2026-01-02T00:00:01"])
    }
}

/// A folder's small files are read several at once; what comes out is what reading them one by one gives.
@Suite struct FolderReadingTests {
    @Test func aFolderReadAtOnceGivesTheEventsAndCountsOfItsFilesReadInOrder() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Messages, a log, a compressed log (read on its own), an empty file and one of no known format, mixed.
        let sources = [
            "bounces/gmail-dsn.eml", "postfix-mail.log", "bounces/exchange-online-ndr.eml", "postfix-mail.log.1.gz",
            "bounces.mbox", "exim-mainlog",
        ]
        for (index, source) in sources.enumerated() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(source)))
            let name = String(format: "%02d-", index) + (source.split(separator: "/").last.map(String.init) ?? source)
            try bytes.write(to: folder.appendingPathComponent(name))
        }
        try Data().write(to: folder.appendingPathComponent("06-empty"))
        try Data("no format at all\n".utf8).write(to: folder.appendingPathComponent("07-note.txt"))

        var together = LogReader()
        var togetherEvents: [FailureEvent] = []
        together.read(folder.path) { togetherEvents.append($0) }

        var oneByOne = LogReader()
        var oneByOneEvents: [FailureEvent] = []
        for file in LogReader.files(in: folder.path) { oneByOne.read(file) { oneByOneEvents.append($0) } }

        #expect(togetherEvents.count > 10)
        #expect(togetherEvents == oneByOneEvents)
        #expect(together.statistics == oneByOne.statistics)
        #expect(together.statistics.formats.count >= 4)
        #expect(together.statistics.emptyInputs.count == 1 && together.statistics.unrecognisedInputs.count == 1)
    }
}
