import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import SMTPDoctorServe
import Testing

/// Builds the application over the built-in knowledge base, with a log that the tests read.
struct ServeHarness {
    static let knowledgeBase: Result<KnowledgeBase, InvalidKnowledgeBase> = Result {
        () throws(InvalidKnowledgeBase) in try KnowledgeBase.load([.builtIn])
    }

    /// One question choice for every test: its answer model takes seconds to build in a debug build.
    static let interviewChooser: Result<QuestionChooser, InvalidKnowledgeBase> = knowledgeBase.map {
        QuestionChooser(model: AnswerModel(engine: InferenceEngine(knowledgeBase: $0)))
    }

    let log = CapturedLog()
    var settings: ServeSettings
    let clock = ManualClock()

    init(listen: String = "127.0.0.1:8025", access: AccessCredentials? = nil, allowPrivateTargets: Bool = false) {
        // Every caller passes a literal HOST:PORT.
        guard let address = ListenAddress(listen) else { preconditionFailure("'\(listen)' is not HOST:PORT") }
        settings = ServeSettings(
            listen: address, access: access, allowPrivateTargets: allowPrivateTargets,
            probesPerWindow: 3, maximumBodyBytes: 256 << 10, maximumUploadBytes: 1 << 20,
            probeDeadline: .seconds(120), probeStepTimeout: .seconds(60), toolVersion: "test",
            probeExitCode: { $0 == .success ? 0 : 1 })
    }

    /// Runs `body` with a test client of the application.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let logger = Logger(label: "serve-test") { _ in CapturedLogHandler(log: log) }
        let clock = self.clock
        let application = try ServeApplication.make(
            settings: settings, knowledgeBase: try Self.knowledgeBase.get(), logger: logger,
            clock: { clock.now }, interviewChooser: try Self.interviewChooser.get())
        try await application.test(.router, body)
    }
}

/// A clock the tests move by hand.
final class ManualClock: Sendable {
    private let value = NIOLockedValueBox(Duration.zero)
    var now: Duration { value.withLockedValue { $0 } }
    func advance(_ duration: Duration) { value.withLockedValue { $0 += duration } }
}

/// Every log line written, as text with its metadata.
final class CapturedLog: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var all: [String] { lines.withLockedValue { $0 } }
    func append(_ line: String) { lines.withLockedValue { $0.append(line) } }
}

struct CapturedLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        let merged = self.metadata.merging(metadata ?? [:]) { $1 }
        log.append("\(level) \(message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
    }
}

/// Requests as a browser sends them.
enum Browser {
    /// GETs the page and returns the CSRF token of its form with the cookie that carries it.
    static func token(_ client: any TestClientProtocol, page: String) async throws -> String {
        try await client.execute(uri: page, method: .get) { response in
            let cookie = try #require(response.headers[.setCookie])
            let value = try #require(cookie.split(separator: ";").first?.split(separator: "=").last)
            return String(value)
        }
    }

    static func formBody(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static func post(
        _ client: any TestClientProtocol, _ uri: String, token: String, fields: [(String, String)]
    ) async throws -> (status: HTTPResponse.Status, body: String, headers: HTTPFields) {
        try await client.execute(
            uri: uri, method: .post,
            headers: [
                .contentType: "application/x-www-form-urlencoded", .cookie: "smtp_doctor_csrf=\(token)",
            ],
            body: formBody([("csrf", token)] + fields)
        ) { response in (response.status, String(buffer: response.body), response.headers) }
    }

    static func postJSON(_ client: any TestClientProtocol, _ uri: String, _ json: String) async throws -> (
        status: HTTPResponse.Status, body: String
    ) {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json)
        ) { response in (response.status, String(buffer: response.body)) }
    }
}
