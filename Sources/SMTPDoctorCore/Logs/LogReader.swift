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

    /// Reads one input.
    /// - Parameters:
    ///   - path: a file, a folder (read recursively, hidden files skipped) or `-` for standard input.
    ///   - progress: called after each chunk and message with the statistics so far.
    ///   - onEvent: called with each failure event, in input order.
    public mutating func read(
        _ path: String, progress: (InputStatistics) -> Void = { _ in }, onEvent: (FailureEvent) -> Void
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
            for file in listing.files { readFile(file, progress: progress, onEvent: onEvent) }
        } else {
            readFile(path, progress: progress, onEvent: onEvent)
        }
    }

    /// The regular files under a folder, sorted, hidden ones skipped.
    public static func files(in folder: String) -> [String] { FolderListing(folder).files }

    private mutating func readFile(
        _ path: String, progress: (InputStatistics) -> Void, onEvent: (FailureEvent) -> Void
    ) {
        do {
            readStream(try FileByteSource(path: path), name: path, stream: false, progress: progress, onEvent: onEvent)
        } catch {
            statistics.unreadableInputs.append(String(describing: error))
        }
    }

    private mutating func readStream(
        _ file: FileByteSource, name: String, stream: Bool, progress: (InputStatistics) -> Void,
        onEvent: (FailureEvent) -> Void
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
            case .emailMessage: try readMessage(source, name: name, progress: report, onEvent: onEvent)
            case .mbox: try readMailbox(source, name: name, progress: report, onEvent: onEvent)
            default:
                let years = YearlessTimeResolver(path: stream ? nil : name)
                try readLines(
                    source, format: format, name: name, progress: report,
                    onEvent: { event in
                        var dated = event
                        dated.time = years.resolve(event.time)
                        onEvent(dated)
                    })
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
        var parser: any LogLineParser
        switch format {
        case .eximMainLog: parser = EximLogParser(input: name)
        case .exchangeProtocolLog, .exchangeTrackingLog: parser = ExchangeLogParser(input: name)
        case .messageTraceCSV: parser = MessageTraceParser(input: name)
        default: parser = SyslogLineParser(input: name)
        }
        var number = 0
        var statistics = self.statistics
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
            }, afterChunk: { progress(statistics) })
        statistics.lines += counts.lines
        statistics.overlongLines += counts.overlongLines
        if counts.unterminatedLastLine { statistics.truncatedInputs += 1 }
        self.statistics = statistics
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
            if previousBlank && line.hasBytes("From ", at: 0) {
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
                guard line.contains(0x0D) else {
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
        let events = parser.parse(text[...], latin1: latin1, line: line, format: format)
        if events.isEmpty {
            statistics.messagesWithoutFailure += 1
            statistics.nonFailureMessages[parser.nonFailureKind(of: text[...], latin1: latin1), default: 0] += 1
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
        guard bytes.contains(0x0D) else { return bytes }
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
