import Foundation
import Testing

@testable import SMTPDoctorCore

/// A large log file is parsed in pieces on every core; whatever the size of the pieces, what is read and the
/// analysis are exactly those of reading the file line by line.
@Suite struct PieceReadingTests {
    /// A log of the fixtures' Postfix lines, half of them on 31 December and half on 1 January, with a CR LF line,
    /// an overlong line and an unterminated last line; written on 2 January 2027.
    private static func writeLog(in folder: URL) throws -> String {
        let fixtures = ["postfix-mail.log", "postfix-sides.log"].map { URL(fileURLWithPath: Fixtures.path($0)) }
        var lines: [[UInt8]] = []
        for url in fixtures {
            let data = try Data(contentsOf: url)
            lines += data.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
        }
        var log: [UInt8] = []
        for round in 0..<3 {
            for (index, line) in lines.enumerated() {
                // Syslog's date is the first 6 bytes ("May  1", "Jun  3"); the year turns half-way.
                let date = round * lines.count + index < lines.count * 3 / 2 ? "Dec 31" : "Jan  1"
                log += Array(date.utf8) + line.dropFirst(6)
                log += index == 4 ? [0x0D, 0x0A] : [0x0A]
            }
            log += Array("Jan  1 09:00:00 mx1 postfix/smtp[1]: ".utf8) + Array(repeating: 0x41, count: 1_500) + [0x0A]
        }
        log += Array(lines[4].prefix(200))
        let path = folder.appendingPathComponent("mail.log").path
        try Data(log).write(to: URL(fileURLWithPath: path))
        let written = Date(timeIntervalSince1970: 1_798_848_000)  // 2027-01-02T00:00:00Z
        try FileManager.default.setAttributes([.modificationDate: written], ofItemAtPath: path)
        return path
    }

    /// Sizes from one byte (a border in every line) to more than the whole file (read line by line).
    static let pieceSizes = [1, 97, 1_000, 4_096, Int.max]

    @Test(arguments: pieceSizes)
    func readingInPiecesGivesTheEventsOfReadingLineByLine(pieceSize: Int) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.writeLog(in: folder)
        func read(pieceSize: Int) -> (InputStatistics, [FailureEvent]) {
            var reader = LogReader()
            reader.maximumLineLength = 1_000
            reader.parallelPieceSize = pieceSize
            var events: [FailureEvent] = []
            reader.read(path) { events.append($0) }
            return (reader.statistics, events)
        }
        let (sequential, expected) = read(pieceSize: Int.max)
        let (statistics, events) = read(pieceSize: pieceSize)
        #expect(events == expected)
        #expect(statistics == sequential)
        #expect(sequential.overlongLines == 3 && sequential.truncatedInputs == 1)
        #expect(Set(expected.compactMap { $0.time?.year }) == [2026, 2027])
        #expect(expected.map(\.line) == expected.map(\.line).sorted() && expected.count > 20)
    }

    @Test(arguments: pieceSizes)
    func analysingInPiecesGivesTheAnalysisOfReadingLineByLine(pieceSize: Int) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.writeLog(in: folder)
        let engine = try InferenceEngine(knowledgeBase: KnowledgeBase.load([.builtIn]))
        func analyse(pieceSize: Int) -> LogAnalysis {
            var analyzer = LogAnalyzer(engine: engine, sampleLimit: 2)
            analyzer.parallelPieceSize = pieceSize
            return analyzer.run([path, path])
        }
        let sequential = analyse(pieceSize: Int.max)
        let pieces = analyse(pieceSize: pieceSize)
        #expect(Summary(pieces) == Summary(sequential))
        #expect(sequential.summary.firstSeen?.year == 2026 && sequential.summary.lastSeen?.year == 2027)
    }

    /// Everything an analysis reports, but its wall time.
    private struct Summary: Equatable {
        struct Group: Equatable {
            let count: Int
            let confidence: Double
            let firstSeen, lastSeen: LogTimestamp?
            let statuses: [FailureStatus: Int]
            let recipientDomains, relays: BoundedCounter
            let samples: [FailureEvent]
        }
        struct Side: Equatable {
            let total: Int
            let categories: [String: Int]
            let statuses: [FailureStatus: Int]
            let recipientDomains, relays, hours: BoundedCounter
        }
        let statistics: InputStatistics
        let total: Int
        let groups: [String: Group]
        let sides: [TrafficSide: Side]
        let firstSeen, lastSeen: LogTimestamp?
        let checklists: [String: [String]]
        let cacheHits, cacheMisses: Int

        init(_ analysis: LogAnalysis) {
            let summary = analysis.summary
            statistics = analysis.statistics
            total = summary.total
            groups = summary.groups.mapValues {
                Group(
                    count: $0.count, confidence: $0.confidence, firstSeen: $0.firstSeen, lastSeen: $0.lastSeen,
                    statuses: $0.statuses, recipientDomains: $0.recipientDomains, relays: $0.relays,
                    samples: $0.samples)
            }
            sides = summary.counts.mapValues {
                Side(
                    total: $0.total, categories: $0.categories, statuses: $0.statuses,
                    recipientDomains: $0.recipientDomains, relays: $0.relays, hours: $0.hours)
            }
            firstSeen = summary.firstSeen
            lastSeen = summary.lastSeen
            checklists = analysis.checklists.mapValues { $0.map { String(describing: $0) } }
            cacheHits = analysis.cacheHits
            cacheMisses = analysis.cacheMisses
        }
    }
}
