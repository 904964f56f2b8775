import Foundation
import SMTPDoctorProbes

/// Who may use the page when it listens beyond loopback: a bearer token, or a user name and password.
///
/// The secret is held in a ``Secret`` so that it never reaches a description, a log line or a page. A browser
/// sends either kind through HTTP Basic authentication (any user name with the token as password).
public enum AccessCredentials: Sendable {
    case token(Secret)
    case user(String, password: Secret)

    /// Whether the `Authorization` header value grants access.
    func admits(_ authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let scheme = parts[0].lowercased()
        let value = String(parts[1]).trimmingCharacters(in: .whitespaces)
        switch (self, scheme) {
        case (.token(let token), "bearer"):
            return token.withRevealed { ConstantTime.equal($0, value) }
        case (.token(let token), "basic"):
            guard let pair = Self.basicPair(value) else { return false }
            return token.withRevealed { ConstantTime.equal($0, pair.password) }
        case (.user(let user, let password), "basic"):
            guard let pair = Self.basicPair(value) else { return false }
            let userMatches = ConstantTime.equal(user, pair.user)
            let passwordMatches = password.withRevealed { ConstantTime.equal($0, pair.password) }
            return userMatches && passwordMatches
        default:
            return false
        }
    }

    private static func basicPair(_ encoded: String) -> (user: String, password: String)? {
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

/// Comparisons whose time does not depend on where two secrets first differ.
enum ConstantTime {
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let x = index < left.count ? left[index] : 0
            let y = index < right.count ? right[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
