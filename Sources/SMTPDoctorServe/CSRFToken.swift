import HTTPTypes

/// Cross-site request forgery protection by a double-submitted token.
///
/// The first page sets a random token in a `SameSite=Strict`, `HttpOnly` cookie and writes the same token into
/// every form; a form post is accepted only when the field matches the cookie. Another site can make a browser
/// post, but it can neither read the cookie nor make the browser send it cross-site.
enum CSRFToken {
    static let cookieName = "smtp_doctor_csrf"
    static let fieldName = "csrf"

    /// The token of the request's cookie, when it has a well-formed one.
    static func fromCookie(_ headers: HTTPFields) -> String? {
        for header in headers[values: .cookie] {
            for cookie in header.split(separator: ";") {
                let pair = cookie.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingWhitespaceSubstring == cookieName else { continue }
                let value = String(pair[1].trimmingWhitespaceSubstring)
                if isWellFormed(value) { return value }
            }
        }
        return nil
    }

    /// A new random token: 32 hexadecimal digits.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    /// The `Set-Cookie` value for the token.
    static func cookie(_ token: String) -> String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    /// Whether the posted token matches the cookie.
    static func verify(field: String?, headers: HTTPFields) -> Bool {
        guard let field, let cookie = fromCookie(headers) else { return false }
        return ConstantTime.equal(field, cookie)
    }

    private static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 32 && value.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

extension Substring {
    fileprivate var trimmingWhitespaceSubstring: Substring {
        var text = self
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
