import Foundation
import HTTPTypes
import Hummingbird
import SMTPDoctorCore
import SMTPDoctorReports

/// The operations behind the routes, with the state they share: the download store and the probe rate limiter.
struct ServeHandlers: Sendable {
    let settings: ServeSettings
    let knowledgeBase: KnowledgeBase
    let templates: TemplateLibrary
    let store: ResultStore
    let limiter: ProbeRateLimiter
    let interviewChooser: InterviewChooserCache

    var diagnose: DiagnoseOperation {
        DiagnoseOperation(knowledgeBase: knowledgeBase, toolVersion: settings.toolVersion)
    }
    var probe: ProbeOperation { ProbeOperation(knowledgeBase: knowledgeBase, settings: settings) }
    var checkDomain: CheckDomainOperation {
        CheckDomainOperation(
            knowledgeBase: knowledgeBase, toolVersion: settings.toolVersion, dnsServer: settings.dnsServer)
    }
    /// The interview operation; the first call builds the question choice.
    func interviewOperation() async -> InterviewOperation {
        InterviewOperation(chooser: await interviewChooser.chooser, toolVersion: settings.toolVersion)
    }
    var analyze: AnalyzeOperation { AnalyzeOperation(knowledgeBase: knowledgeBase, toolVersion: settings.toolVersion) }

    /// The token of the request's cookie, or a new one to set.
    func csrf(_ request: Request) -> (token: String, isNew: Bool) {
        if let token = CSRFToken.fromCookie(request.headers) { return (token, false) }
        return (CSRFToken.make(), true)
    }

    /// A form page, setting the CSRF cookie when the browser has none yet.
    func formPage(_ request: Request, _ render: (FormToken) -> String) -> Response {
        let (token, isNew) = csrf(request)
        return ServeResponses.html(
            render(FormToken(field: CSRFToken.fieldName, value: token)), newToken: isNew ? token : nil)
    }

    /// The fields of a posted form whose CSRF token matches the cookie.
    func verifiedForm(_ request: Request) async throws -> FormFields {
        let body = try await request.body.collect(upTo: settings.maximumBodyBytes)
        let form = try FormFields(body.readableBytesView)
        guard CSRFToken.verify(field: form[CSRFToken.fieldName], headers: request.headers) else {
            throw ServeFailure(.forbidden, "The form has expired or came from another site; open the page again.")
        }
        return form
    }

    /// Runs a page's work and turns a ``ServeFailure`` into a page that says what to do, a ``RenderError`` into
    /// a plain 500 page.
    func page(_ work: () async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let failure as ServeFailure {
            return ServeResponses.html(WebPageLayout.problem(failure.message), status: failure.status)
        } catch is RenderError {
            let failure = ServeFailure.unrenderable
            return ServeResponses.html(WebPageLayout.problem(failure.message), status: failure.status)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            let failure = ServeFailure(.contentTooLarge, "The form is too large; paste a shorter text.")
            return ServeResponses.html(WebPageLayout.problem(failure.message), status: failure.status)
        }
    }

    /// Runs an API call's work and turns a ``ServeFailure`` into a JSON error, a ``RenderError`` into a plain 500.
    func api(_ work: () async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let failure as ServeFailure {
            return ServeResponses.jsonProblem(failure)
        } catch is RenderError {
            return ServeResponses.jsonProblem(ServeFailure.unrenderable)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return ServeResponses.jsonProblem(ServeFailure(.contentTooLarge, "The request body is too large."))
        }
    }

    /// The JSON body of an API request.
    func decodeJSON<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ServeFailure(.unsupportedMediaType, "Send the request as application/json.")
        }
        let body = try await request.body.collect(upTo: settings.maximumBodyBytes)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw ServeFailure(.badRequest, "The JSON body does not match the API; see /openapi.json.")
        }
    }

    /// Refuses a probe beyond the client's allowance.
    func admitProbe(_ context: ServeRequestContext) async throws(ServeFailure) {
        guard await limiter.admit(context.clientAddress) else {
            throw ServeFailure(
                .tooManyRequests,
                "Too many tests from this address; wait a minute (at most \(settings.probesPerWindow) per "
                    + "\(settings.probeWindow.components.seconds) s).")
        }
    }

    /// Keeps the HTML, Markdown and JSON documents of a support report.
    ///
    /// - Throws: ``RenderError`` when a template is missing.
    func keep(_ report: SupportReport, json: String, baseName: String) async throws(RenderError) -> DownloadLinks {
        let renderer = SupportReportRenderer(templates: templates)
        return await keep(
            .init(
                documents: [
                    .html(try renderer.render(report, as: .html)),
                    .markdown(try renderer.render(report, as: .markdown)),
                    .json(json),
                ], baseName: baseName))
    }

    /// Keeps the HTML, Markdown and JSON documents of an analysis.
    ///
    /// - Throws: ``RenderError`` when a template is missing.
    func keep(_ document: AnalysisDocument, json: String) async throws(RenderError) -> DownloadLinks {
        let renderer = AnalysisDocumentRenderer(templates: templates)
        return await keep(
            .init(
                documents: [
                    .html(try renderer.render(document, as: .html)),
                    .markdown(try renderer.render(document, as: .markdown)),
                    .json(json),
                ], baseName: "smtp-doctor-analysis"))
    }

    /// Keeps a result; returns its identifier and the names of its documents, for the download links.
    func keep(_ result: ResultStore.Result) async -> DownloadLinks {
        DownloadLinks(id: await store.keep(result), links: result.documents.map { ($0.name, $0.label) })
    }
}
