import Hummingbird
import Logging
import SMTPDoctorCore
import SMTPDoctorReports

/// The web page and JSON API of `smtp-doctor serve`, on Hummingbird.
public enum ServeApplication {
    /// The routes of the JSON API, as `METHOD /path`; `/openapi.json` describes each of them.
    public static let apiRoutes = [
        "POST /api/diagnose", "POST /api/probe", "POST /api/analyze", "POST /api/check-domain", "GET /healthz",
        "GET /openapi.json", "POST /api/interview/start", "POST /api/interview/answer", "POST /api/interview/back",
        "POST /api/interview/result",
    ]

    /// Builds the application.
    ///
    /// - Parameters:
    ///   - settings: where to listen, who may use it, and the limits.
    ///   - knowledgeBase: the loaded knowledge base every operation reasons with.
    ///   - logger: receives the access log, one structured line per request.
    ///   - clock: time since an arbitrary origin, for the probe rate limit (tests move it by hand).
    ///   - onRunning: called with the bound port once the server accepts connections.
    ///   - interviewChooser: the interview's question choice over `knowledgeBase`, when one is built already;
    ///     otherwise it is built on the first interview request.
    /// - Throws: ``ServeSetupError`` when the settings are unsafe or the built-in templates do not parse.
    public static func make(
        settings: ServeSettings, knowledgeBase: KnowledgeBase, logger: Logger,
        clock: @escaping @Sendable () -> Duration = ProbeRateLimiter.continuousClock(),
        interviewChooser: QuestionChooser? = nil,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(ServeSetupError) -> some ApplicationProtocol {
        try settings.validate()
        let templates: TemplateLibrary
        do {
            templates = try TemplateLibrary()
        } catch {
            throw ServeSetupError(error.description)
        }
        let handlers = ServeHandlers(
            settings: settings, knowledgeBase: knowledgeBase, templates: templates,
            store: ResultStore(capacity: settings.keptResults),
            limiter: ProbeRateLimiter(allowance: settings.probesPerWindow, window: settings.probeWindow, now: clock),
            interviewChooser: InterviewChooserCache(knowledgeBase: knowledgeBase, built: interviewChooser))
        let router = Router(context: ServeRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: SecurityHeadersMiddleware())
        if let access = settings.access { router.add(middleware: AccessControlMiddleware(credentials: access)) }
        handlers.addPages(to: router)
        handlers.addAPI(to: router)
        handlers.addInterview(to: router)
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(
                address: .hostname(settings.listen.host, port: settings.listen.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.listen.port) },
            logger: logger)
    }

    /// Builds the application and serves until SIGTERM or SIGINT, finishing the requests in progress.
    ///
    /// - Throws: ``ServeSetupError`` when the settings are unsafe; any error that stops the server.
    public static func run(
        settings: ServeSettings, knowledgeBase: KnowledgeBase, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let application = try make(
            settings: settings, knowledgeBase: knowledgeBase, logger: logger, onRunning: onRunning)
        try await application.runService()
    }
}
