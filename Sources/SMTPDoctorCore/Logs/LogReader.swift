import Foundation

/// Reads logs and bounce messages — files, folders (Maildir, a folder of `.eml` files) or standard input —
/// recognises each input's format by content, decompresses gzip, and hands out every failure event as it is read.
///
/// Memory stays bounded: lines are read a chunk at a time, a message is held only while it is parsed (at most
/// `BounceMessageParser.maximumMessageSize`), and parsers keep bounded state. Problems inside an input — malformed
/// records, invalid UTF-8, absurdly long lines, truncated files — are counted in `statistics`, never thrown.
public struct LogReader {
    /// What has been read so far.
    public private(set) var statistics = InputStatistics()
    /// Lines longer than this are skipped and counted.
    public var maximumLineLength = LineReader.defaultMaximumLineLength

    /// The phrases with which bounce messages name the SMTP command of a failure (the knowledge base's
    /// `stagePhrases`); without them only session transcripts give the command.
    public var stagePhrases: [StagePhrase] = []
    /// The words that tell automatic replies and undelivered-mail reports apart (the knowledge base's
    /// `bounceWording`); without them only the structure of a message (`Auto-Submitted`, a delivery-status part,
    /// a null return path) does.
    public var bounceWording = BounceWording()

    /// Creates a reader.
    public init() {}

    /// Large plain files of line-based formats whose lines are independent (syslog, Exim main logs) are cut into
    /// pieces of about this many bytes at line boundaries and parsed on every core at once.
    var parallelPieceSize = Self.defaultParallelPieceSize
    /// The usual `parallelPieceSize`: large enough that cutting and handing out pieces costs nothing noticeable.
    static let defaultParallelPieceSize = 4 << 20
    /// How many pieces are parsed or waiting to be handed out at once, which bounds the events held in memory.
    var parallelWindow = 2 * ProcessInfo.processInfo.activeProcessorCount + 1
    /// How many pieces of input have been handed out so far (see `read(_:progress:prepare:onEvent:)`).
    private var pieces = 0

    /// Reads one input.
    /// - Parameters:
    ///   - path: a file, a folder (read recursively, hidden files skipped) or `-` for standard input.
    ///   - progress: called after each chunk and message with the statistics so far.
    ///   - onEvent: called with each failure event, in input order.
    public mutating func read(
        _ path: String, progress: (InputStatistics) -> Void = { _ in }, onEvent: (FailureEvent) -> Void
    ) {
        read(path, progress: progress, prepare: { _, _ in }, onEvent: { event, _ in onEvent(event) })
    }

    /// Reads one input, with work done on each event where it is parsed — on any thread, at the same time as other
    /// events are — before the event is handed out in input order.
    ///
    /// The input is read in pieces numbered in input order across every call of this reader: a large log file in
    /// many pieces parsed at once, any other input as one. `prepare` receives each event with the number of its
    /// piece; the events of one piece are prepared in order. The event's line number may still be relative to its
    /// piece when prepared: only its content is final.
    /// - Parameters:
    ///   - path: a file, a folder (read recursively, hidden files skipped) or `-` for standard input.
    ///   - progress: called after each chunk and message with the statistics so far.
    ///   - prepare: the work done on each event as it is parsed.
    ///   - onEvent: called with each failure event and what `prepare` made of it, in input order.
    public mutating func read<Prepared: Sendable>(
        _ path: String, progress: (InputStatistics) -> Void = { _ in },
        prepare: @escaping @Sendable (FailureEvent, Int) -> Prepared, onEvent: (FailureEvent, Prepared) -> Void
    ) {
        withoutActuallyEscaping(onEvent) { consume in
            read(path, progress: progress, onEvent: EventHandlers(prepare: prepare, consume: consume))
        }
    }

    private mutating func read<Prepared>(
        _ path: String, progress: (InputStatistics) -> Void, onEvent: EventHandlers<Prepared>
    ) {
        if path == "-" {
            readStream(FileByteSource(descriptor: 0), name: "-", stream: true, progress: progress, onEvent: onEvent)
            return
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            statistics.unreadableInputs.append("\(path): no such file or folder")
            return
        }
        if isFolder.boolValue {
            let listing = FolderListing(path)
            statistics.unreadableInputs += listing.problems
            if listing.files.isEmpty && listing.problems.isEmpty { statistics.emptyInputs.append(path) }
            readFiles(listing.files, progress: progress, onEvent: onEvent)
        } else {
            readFile(path, progress: progress, onEvent: onEvent)
        }
    }

    /// The regular files under a folder, sorted, hidden ones skipped.
    public static func files(in folder: String) -> [String] { FolderListing(folder).files }

    private mutating func readFile<Prepared>(
        _ path: String, progress: (InputStatistics) -> Void, onEvent: EventHandlers<Prepared>
    ) {
        do {
            readStream(try FileByteSource(path: path), name: path, stream: false, progress: progress, onEvent: onEvent)
        } catch {
            statistics.unreadableInputs.append(String(describing: error))
        }
    }

    /// Reads the files of a folder, in order: several at once, each by a reader of its own, when they are no larger
    /// than `parallelPieceSize` and not compressed (a folder of messages); any other file on its own, as `readFile`
    /// does. The events come out in the files' order, with the statistics of reading them one after another.
    private mutating func readFiles<Prepared>(
        _ files: [String], progress: (InputStatistics) -> Void, onEvent: EventHandlers<Prepared>
    ) {
        guard files.count > 1 else {
            for file in files { readFile(file, progress: progress, onEvent: onEvent) }
            return
        }
        let firstPiece = pieces
        pieces += files.count
        let (maximumLineLength, stagePhrases, bounceWording) = (maximumLineLength, stagePhrases, bounceWording)
        let limit = parallelPieceSize
        let prepare = onEvent.prepare
        OrderedParallelWork.run(
            count: files.count, window: parallelWindow,
            work: { index -> ParsedPiece<Prepared>? in
                guard let file = try? FileByteSource(path: files[index]), Self.isSmallPlainFile(file, limit: limit)
                else { return nil }
                var own = LogReader()
                own.maximumLineLength = maximumLineLength
                own.stagePhrases = stagePhrases
                own.bounceWording = bounceWording
                own.parallelPieceSize = limit
                own.pieces = firstPiece + index
                var parsed = ParsedPiece<Prepared>()
                own.readStream(
                    file, name: files[index], stream: false, progress: { _ in },
                    onEvent: EventHandlers(
                        prepare: prepare, consume: { event, prepared in parsed.events.append((event, prepared)) }))
                parsed.statistics = own.statistics
                return parsed
            },
            consume: { index, parsed in
                guard let parsed else {
                    readFile(files[index], progress: progress, onEvent: onEvent)
                    return
                }
                for (event, prepared) in parsed.events { onEvent.consume(event, prepared) }
                statistics.add(parsed.statistics)
                progress(statistics)
            })
    }

    /// Whether a file is a regular file of at most `limit` bytes that is not gzip-compressed: what a reader of its
    /// own may read whole while its events wait to be handed out.
    private static func isSmallPlainFile(_ file: FileByteSource, limit: Int) -> Bool {
        guard let size = file.regularFileSize, size <= limit else { return false }
        var magic: [UInt8] = [0, 0]
        let count = magic.withUnsafeMutableBytes { (try? file.read(into: $0, at: 0)) ?? 0 }
        return count < 2 || magic != [0x1F, 0x8B]
    }

    private mutating func readStream<Prepared>(
        _ file: FileByteSource, name: String, stream: Bool, progress: (InputStatistics) -> Void,
        onEvent: EventHandlers<Prepared>
    ) {
        let before = statistics.bytesRead
        defer { statistics.bytesRead = before + file.storedBytesConsumed }
        do {
            var source = try PeekedByteSource(file, length: LogFormatDetector.sniffLength, stream: stream)
            var gzip: GzipByteSource?
            if source.prefix.starts(with: [0x1F, 0x8B]) {
                let inflater = try GzipByteSource(source, name: name)
                gzip = inflater
                source = try PeekedByteSource(inflater, length: LogFormatDetector.sniffLength, stream: stream)
            }
            if source.prefix.isEmpty {
                if let problem = gzip.flatMap({ Self.problem(of: $0, name: name) }) {
                    statistics.unreadableInputs.append(problem)
                } else {
                    statistics.emptyInputs.append(name + (gzip == nil ? "" : " (a gzip file of nothing)"))
                }
                return
            }
            statistics.inputs += 1
            let detected = source.prefix.withUnsafeBytes { LogFormatDetector.detect($0) }
            guard let format = detected ?? (stream ? .syslog : nil) else {
                statistics.unrecognisedInputs.append(name)
                return
            }
            statistics.formats[format, default: 0] += 1
            let report = { (statistics: InputStatistics) in
                var current = statistics
                current.bytesRead = before + file.storedBytesConsumed
                progress(current)
            }
            switch format {
            case .emailMessage:
                let piece = nextPiece()
                try readMessage(source, name: name, progress: report, onEvent: { onEvent.handle($0, piece: piece) })
            case .mbox:
                let piece = nextPiece()
                try readMailbox(source, name: name, progress: report, onEvent: { onEvent.handle($0, piece: piece) })
            case .syslog, .eximMainLog:
                let years = YearlessTimeResolver(path: stream ? nil : name)
                if gzip == nil, !stream, let size = file.regularFileSize, size > parallelPieceSize {
                    try readPieces(
                        file, size: size, format: format, name: name, years: years, progress: report,
                        onEvent: onEvent)
                } else {
                    let piece = nextPiece()
                    try readLines(
                        source, format: format, name: name, progress: report,
                        onEvent: { onEvent.handle(years.dated($0), piece: piece) })
                }
            default:
                let piece = nextPiece()
                try readLines(
                    source, format: format, name: name, progress: report,
                    onEvent: { onEvent.handle($0, piece: piece) })
            }
            if let problem = gzip.flatMap({ Self.problem(of: $0, name: name) }) {
                statistics.unreadableInputs.append(problem)
            } else if source.wasTruncated {
                statistics.truncatedInputs += 1
            }
        } catch {
            statistics.unreadableInputs.append(String(describing: error))
        }
    }

    /// Why a gzip input could not be read, or nil when it was (a stream cut after some data is only truncated).
    private static func problem(of gzip: GzipByteSource, name: String) -> String? {
        if let corruption = gzip.corruption {
            return "\(name): corrupt gzip data (\(corruption)) after \(gzip.inflatedBytes) bytes"
        }
        if gzip.wasTruncated && gzip.inflatedBytes == 0 { return "\(name): the gzip file ends before any data" }
        return nil
    }

    // MARK: - Line-based logs

    private mutating func readLines(
        _ source: any ByteSource, format: LogFormat, name: String, progress: (InputStatistics) -> Void,
        onEvent: (FailureEvent) -> Void
    ) throws {
        var parser = Self.parser(for: format, name: name)
        var statistics = self.statistics
        try Self.parseLines(
            source, parser: &parser, maximumLineLength: maximumLineLength, statistics: &statistics,
            afterChunk: { progress($0) }, onEvent: onEvent)
        self.statistics = statistics
    }

    /// The parser of a line-based format.
    private static func parser(for format: LogFormat, name: String) -> any LogLineParser {
        switch format {
        case .eximMainLog: EximLogParser(input: name)
        case .exchangeProtocolLog, .exchangeTrackingLog: ExchangeLogParser(input: name)
        case .messageTraceCSV: MessageTraceParser(input: name)
        default: SyslogLineParser(input: name)
        }
    }

    /// Hands every line of `source` to `parser`, counting lines, problems and deliveries into `statistics`.
    private static func parseLines(
        _ source: any ByteSource, parser: inout any LogLineParser, maximumLineLength: Int,
        statistics: inout InputStatistics, afterChunk: (InputStatistics) -> Void, onEvent: (FailureEvent) -> Void
    ) throws {
        var number = 0
        let counts = try LineReader(maximumLineLength: maximumLineLength).forEachLine(
            in: source,
            { line in
                number += 1
                if !line.isASCII && String(validating: line, as: UTF8.self) == nil { statistics.invalidUTF8 += 1 }
                switch parser.parse(line, number: number) {
                case .ignored: break
                case .delivered(let side): statistics.delivered[side, default: 0] += 1
                case .malformed: statistics.malformedLines += 1
                case .events(let events):
                    statistics.events += events.count
                    events.forEach(onEvent)
                }
                return true
            }, afterChunk: { afterChunk(statistics) })
        statistics.lines += counts.lines
        statistics.overlongLines += counts.overlongLines
        if counts.unterminatedLastLine { statistics.truncatedInputs += 1 }
    }

    /// Reads a large plain log file in pieces cut at line boundaries, parsing (and preparing the events of) several
    /// pieces at once, and hands out the events in input order with their line numbers in the whole file.
    private mutating func readPieces<Prepared>(
        _ file: FileByteSource, size: Int, format: LogFormat, name: String, years: YearlessTimeResolver,
        progress: (InputStatistics) -> Void, onEvent: EventHandlers<Prepared>
    ) throws {
        let ranges = try LineAlignedChunks.ranges(of: file, from: 0, to: size, size: parallelPieceSize)
        let firstPiece = pieces
        pieces += ranges.count
        let maximumLineLength = maximumLineLength
        let prepare = onEvent.prepare
        let reader = file.positionalReader
        var linesBefore = 0
        var failure: (any Error)?
        OrderedParallelWork.run(
            count: ranges.count, window: parallelWindow,
            work: { index in
                Result { () throws -> ParsedPiece<Prepared> in
                    var parsed = ParsedPiece<Prepared>()
                    var parser = Self.parser(for: format, name: name)
                    let source = FileRangeByteSource(reader, range: ranges[index])
                    try Self.parseLines(
                        source, parser: &parser, maximumLineLength: maximumLineLength,
                        statistics: &parsed.statistics, afterChunk: { _ in },
                        onEvent: { event in
                            let dated = years.dated(event)
                            parsed.events.append((dated, prepare(dated, firstPiece + index)))
                        })
                    return parsed
                }
            },
            consume: { index, result in
                guard failure == nil else { return }
                switch result {
                case .failure(let error): failure = error
                case .success(let parsed):
                    for (event, prepared) in parsed.events {
                        var numbered = event
                        numbered.line += linesBefore
                        onEvent.consume(numbered, prepared)
                    }
                    linesBefore += parsed.statistics.lines
                    statistics.addCounts(of: parsed.statistics)
                    file.countConsumed(through: ranges[index].upperBound)
                    progress(statistics)
                }
            })
        if let failure { throw failure }
    }

    /// The number of the next piece of input.
    private mutating func nextPiece() -> Int {
        defer { pieces += 1 }
        return pieces
    }

    // MARK: - Messages

    private mutating func readMessage(
        _ source: any ByteSource, name: String, progress: (InputStatistics) -> Void, onEvent: (FailureEvent) -> Void
    ) throws {
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { chunk.deallocate() }
        while bytes.count < BounceMessageParser.maximumMessageSize {
            let count = try source.read(into: chunk)
            if count == 0 { break }
            bytes += UnsafeRawBufferPointer(rebasing: chunk[..<count])
        }
        parseMessage(bytes, name: name, line: 1, format: .emailMessage, onEvent: onEvent)
        progress(statistics)
    }

    private mutating func readMailbox(
        _ source: any ByteSource, name: String, progress: (InputStatistics) -> Void, onEvent: (FailureEvent) -> Void
    ) throws {
        var message: [UInt8] = []
        var start = 0
        var number = 0
        var previousBlank = true
        func take(_ line: UnsafeRawBufferPointer) {
            number += 1
            if line.hasBytes("From ", at: 0) && (previousBlank || MailboxPostmark.isPostmark(line)) {
                if start > 0 { parseMessage(message, name: name, line: start, format: .mbox, onEvent: onEvent) }
                message.removeAll(keepingCapacity: true)
                start = number
            } else if message.count + line.count < BounceMessageParser.maximumMessageSize {
                // mboxrd quoting: ">From " at the start of a body line stands for "From ".
                let quoted = line.count > 5 && line[0] == 0x3E && line.hasBytes("From ", at: 1)
                message += quoted ? UnsafeRawBufferPointer(rebasing: line[1...]) : line
                message.append(0x0A)
            }
            previousBlank = line.isEmpty
        }
        let counts = try LineReader(maximumLineLength: maximumLineLength).forEachLine(
            in: source,
            { line in
                // The reader splits on LF; a CR left inside a line ends a line of an old Mac OS (CR-only) file.
                guard line.containsByte(0x0D) else {
                    take(line)
                    return true
                }
                var pieceStart = 0
                for index in 0...line.count where index == line.count || line[index] == 0x0D {
                    take(UnsafeRawBufferPointer(rebasing: line[pieceStart..<index]))
                    pieceStart = index + 1
                }
                return true
            },
            afterChunk: { progress(statistics) })
        if start > 0 { parseMessage(message, name: name, line: start, format: .mbox, onEvent: onEvent) }
        statistics.lines += counts.lines
        statistics.overlongLines += counts.overlongLines
        progress(statistics)
    }

    private mutating func parseMessage(
        _ bytes: [UInt8], name: String, line: Int, format: LogFormat, onEvent: (FailureEvent) -> Void
    ) {
        statistics.messages += 1
        let bytes = Self.withLineFeeds(bytes)
        let text: String
        var latin1 = false
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            // An 8-bit charset (Shift_JIS, EUC-JP, KOI8-R …): read byte for byte, so that the MIME parser can give
            // each part's own bytes to the charset decoder.
            statistics.invalidUTF8 += 1
            text = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
            latin1 = true
        }
        let parser = BounceMessageParser(
            input: name, stages: BounceStage(phrases: stagePhrases), wording: bounceWording)
        let (events, nonFailure) = parser.read(text[...], latin1: latin1, line: line, format: format)
        if let nonFailure {
            statistics.messagesWithoutFailure += 1
            statistics.nonFailureMessages[nonFailure, default: 0] += 1
        } else if events.allSatisfy({ $0.status == .delayed }) {
            // Its recipients are still passed on, as delays, which the failure summary does not count.
            statistics.messagesWithoutFailure += 1
            statistics.nonFailureMessages[.delayNotice, default: 0] += 1
        }
        statistics.events += events.count
        events.forEach(onEvent)
    }

    /// The bytes with CR LF and lone CR line ends (old Mac OS mail stores) made LF, as the message parser expects.
    static func withLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.withUnsafeBytes({ $0.containsByte(0x0D) }) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == 0x0D else {
                result.append(byte)
                continue
            }
            result.append(0x0A)
            if index < bytes.count && bytes[index] == 0x0A { index += 1 }
        }
        return result
    }
}
