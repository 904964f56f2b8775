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
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status.code, start: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context: context, status: status, start: start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)",
                "path": "\(String(request.uri.path.prefix(200)))",
                "status": "\(status)",
                "ms": "\(String(format: "%.1f", milliseconds))",
                "client": "\(context.clientAddress)",
            ])
    }
}
