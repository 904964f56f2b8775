import Hummingbird
import Logging

/// Logs one structured line per request: method, path, status, duration and client.
///
/// The query string, the headers and the body are never logged, so neither a password nor a token can reach the
/// log even when a client puts one where it does not belong.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext

    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let line = Line(
            logger: logger, method: request.method.rawValue, path: String(request.uri.path.prefix(200)),
            client: "\(context.clientAddress)", start: .now)
        do {
            var response = try await next(request, context)
            guard response.body.contentLength == nil else {
                line.write(status: response.status.code)
                return response
            }
            // A page sent in parts as its work goes on: logged once its last part is sent.
            let body = response.body
            let status = response.status.code
            response.body = ResponseBody { writer in
                do {
                    try await body.write(writer)
                } catch {
                    line.write(status: status)
                    throw error
                }
                line.write(status: status)
            }
            return response
        } catch {
            line.write(status: (error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }

    /// What is logged of one request.
    private struct Line: Sendable {
        let logger: Logger
        let method: String
        let path: String
        let client: String
        let start: ContinuousClock.Instant

        func write(status: Int) {
            let elapsed = ContinuousClock.now - start
            let milliseconds =
                Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            logger.info(
                "request",
                metadata: [
                    "method": "\(method)", "path": "\(path)", "status": "\(status)",
                    "ms": "\(String(format: "%.1f", milliseconds))", "client": "\(client)",
                ])
        }
    }
}
