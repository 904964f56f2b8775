import HTTPTypes
import Hummingbird

/// Adds the headers that keep every response inert in a browser: a strict Content-Security-Policy (no script, no
/// resource from elsewhere, no framing; a download keeps its own, stricter sandbox), no MIME sniffing, no referrer, no caching.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = registered("X-Frame-Options")
    static let referrerPolicy = registered("Referrer-Policy")

    /// The name of a registered header field; the names given are valid tokens, so this cannot fail.
    private static func registered(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("'\(name)' is not a header field name") }
        return field
    }
}
