import HTTPTypes
import Hummingbird

/// Asks for the access token or the user and password on every request but `/healthz`, when access is configured.
struct AccessControlMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext

    let credentials: AccessCredentials

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.uri.path == "/healthz" || credentials.admits(request.headers[.authorization]) {
            return try await next(request, context)
        }
        return Response(
            status: .unauthorized,
            headers: [
                .wwwAuthenticate: "Basic realm=\"smtp-doctor\", charset=\"UTF-8\"",
                .contentType: "text/plain; charset=utf-8",
            ],
            body: .init(byteBuffer: .init(string: "Sign in with the access token or the user name and password.\n")))
    }
}
