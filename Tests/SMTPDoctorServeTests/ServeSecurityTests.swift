import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SMTPDoctorProbes
import SMTPDoctorServe
import Testing

@Suite struct ServeSecurityTests {
    @Test func aListenerOtherMachinesReachRefusesToStartWithoutSignIn() throws {
        let settings = ServeHarness(listen: "0.0.0.0:8025").settings
        #expect(throws: ServeSetupError.self) { try settings.validate() }
        var withToken = settings
        withToken.access = .token(Secret("t0ken"))
        try withToken.validate()
        try ServeHarness(listen: "127.0.0.1:8025").settings.validate()
        try ServeHarness(listen: "[::1]:8025").settings.validate()
    }

    @Test func signInIsAskedForOnEveryPageButHealthz() async throws {
        let harness = ServeHarness(listen: "0.0.0.0:8025", access: .user("admin", password: Secret("pa55word")))
        try await harness.test { client in
            let anonymous = try await client.execute(uri: "/", method: .get) { $0 }
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let wrong = Data("admin:wrong".utf8).base64EncodedString()
            let refused = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: [.authorization: "Basic \(wrong)"]
            ) { $0.status }
            #expect(refused == .unauthorized)
            let right = Data("admin:pa55word".utf8).base64EncodedString()
            let admitted = try await client.execute(uri: "/", method: .get, headers: [.authorization: "Basic \(right)"])
            {
                $0.status
            }
            #expect(admitted == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get) { $0.status } == .ok)
        }
    }

    @Test func aTokenIsAcceptedAsBearerOrAsBasicPassword() async throws {
        let harness = ServeHarness(listen: "0.0.0.0:8025", access: .token(Secret("s3cr3t-token")))
        try await harness.test { client in
            let bearer = try await client.execute(
                uri: "/", method: .get, headers: [.authorization: "Bearer s3cr3t-token"]
            ) { $0.status }
            #expect(bearer == .ok)
            let basic = Data("anyone:s3cr3t-token".utf8).base64EncodedString()
            #expect(
                try await client.execute(uri: "/", method: .get, headers: [.authorization: "Basic \(basic)"]) {
                    $0.status
                } == .ok)
            let near = try await client.execute(
                uri: "/", method: .get, headers: [.authorization: "Bearer s3cr3t-toke"]
            ) { $0.status }
            #expect(near == .unauthorized)
        }
    }

    @Test func everyFormPostNeedsTheTokenOfItsCookie() async throws {
        try await ServeHarness().test { client in
            let token = try await Browser.token(client, page: "/diagnose")
            let good = try await Browser.post(client, "/diagnose", token: token, fields: [("error", "550 5.1.1")])
            #expect(good.status == .ok)
            let missing = try await client.execute(
                uri: "/diagnose", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Browser.formBody([("error", "550 5.1.1")])
            ) { $0.status }
            #expect(missing == .forbidden)
            let other = CSRFTokenSample.other(than: token)
            let forged = try await client.execute(
                uri: "/probe", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "smtp_doctor_csrf=\(token)"],
                body: Browser.formBody([("csrf", other), ("host", "127.0.0.1")])
            ) { $0.status }
            #expect(forged == .forbidden)
        }
    }

    @Test func pagesCarryAStrictContentSecurityPolicy() async throws {
        try await ServeHarness().test { client in
            for page in ["/", "/diagnose", "/probe", "/analyze"] {
                let headers = try await client.execute(uri: page, method: .get) { $0.headers }
                let policy = try #require(headers[.contentSecurityPolicy])
                #expect(policy.contains("default-src 'none'"))
                #expect(!policy.contains("unsafe"))
                #expect(headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test(arguments: [
        "<script>alert(1)</script> 550 5.1.1 user unknown",
        "550 <img src=x onerror=alert(1)> \"quoted\" 'single' & more",
    ])
    func markupInAnErrorIsShownNeverInterpreted(_ text: String) async throws {
        try await ServeHarness().test { client in
            let token = try await Browser.token(client, page: "/diagnose")
            let page = try await Browser.post(client, "/diagnose", token: token, fields: [("error", text)])
            #expect(page.status == .ok)
            #expect(!page.body.contains("<script>"))
            #expect(!page.body.contains("<img"))
            let id = try #require(ResultLink.id(in: page.body))
            for file in ["report.html", "report.md", "report.json"] {
                let download = try await client.execute(uri: "/results/\(id)/\(file)", method: .get) {
                    ($0.status, String(buffer: $0.body), $0.headers)
                }
                #expect(download.0 == .ok)
                #expect(download.2[.contentDisposition]?.hasPrefix("attachment") == true)
                if file == "report.html" {
                    #expect(!download.1.contains("<script>"))
                    #expect(!download.1.contains("<img"))
                }
            }
        }
    }

    @Test func markupInTheProviderIsEscapedInThePageAndTheJSONError() async throws {
        try await ServeHarness().test { client in
            let token = try await Browser.token(client, page: "/diagnose")
            let page = try await Browser.post(
                client, "/diagnose", token: token, fields: [("error", "550 5.1.1"), ("provider", "<script>x</script>")])
            #expect(page.status == .badRequest)
            #expect(!page.body.contains("<script>"))
            #expect(page.body.contains("&lt;script&gt;"))
            let api = try await Browser.postJSON(
                client, "/api/diagnose", #"{"errors": ["550"], "provider": "<script>x</script>"}"#)
            #expect(api.status == .badRequest)
            #expect(!api.body.contains("<script>"))
        }
    }

    @Test func invalidUTF8AndHugeValuesAreRefusedOrReplacedWithoutFailing() async throws {
        try await ServeHarness().test { client in
            let token = try await Browser.token(client, page: "/diagnose")
            var body = ByteBuffer(string: "csrf=\(token)&error=550%205.1.1%20")
            body.writeBytes([0xff, 0xfe, 0xc3, 0x28, 0x25, 0x7a])
            let status = try await client.execute(
                uri: "/diagnose", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "smtp_doctor_csrf=\(token)"],
                body: body
            ) { $0.status }
            #expect(status == .ok)
            let huge = String(repeating: "A", count: 300 << 10)
            let tooLarge = try await Browser.post(client, "/diagnose", token: token, fields: [("error", huge)])
            #expect(tooLarge.status == .contentTooLarge)
            let apiTooLarge = try await Browser.postJSON(client, "/api/diagnose", #"{"errors": ["\#(huge)"]}"#)
            #expect(apiTooLarge.status == .contentTooLarge)
            let longHost = String(repeating: "a", count: 300)
            let probe = try await Browser.postJSON(client, "/api/probe", #"{"host": "\#(longHost)"}"#)
            #expect(probe.status == .badRequest)
        }
    }

    @Test(arguments: [
        ("to", "bob@example.org\r\nRCPT TO:<victim@example.net>"),
        ("from", "a@example.org\nDATA"),
        ("user", "admin\r\nQUIT"),
        ("password", "pw\r\nRSET"),
        ("host", "mail.example.org\r\nEHLO x"),
    ])
    func lineBreaksCannotBeSmuggledIntoSMTPCommands(_ field: String, _ value: String) async throws {
        try await ServeHarness().test { client in
            var fields: [String: String] = [
                "host": "127.0.0.1", "port": "1", "auth": "basic", "user": "u", "password": "p",
                "from": "a@example.org", "to": "b@example.org",
            ]
            fields[field] = value
            let json = try String(decoding: JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
            let (status, body) = try await Browser.postJSON(client, "/api/probe", json)
            #expect(status == .badRequest)
            #expect(!body.contains("RCPT TO:<victim") && !body.contains("RSET"))
        }
    }

    @Test(arguments: ["<script>alert(1)</script>", "mail.example.org/../x", "a\u{0}b", "x y", "\"><img src=x>"])
    func aHostThatIsNeitherANameNorAnAddressIsRefusedWithoutEcho(_ host: String) async throws {
        try await ServeHarness().test { client in
            let token = try await Browser.token(client, page: "/probe")
            let page = try await Browser.post(client, "/probe", token: token, fields: [("host", host)])
            #expect(page.status == .badRequest)
            #expect(!page.body.contains("<script>") && !page.body.contains("<img"))
            #expect(page.body.contains(#"id="problem""#))
        }
    }

    @Test func anUploadLargerThanTheLimitIsRefused() async throws {
        try await ServeHarness().test { client in
            let status = try await client.execute(
                uri: "/api/analyze", method: .post, body: ByteBuffer(repeating: 0x41, count: (1 << 20) + 1)
            ) { $0.status }
            #expect(status == .contentTooLarge)
        }
    }

    @Test func probesOfInternalAddressesAreRefusedFromAReachableListener() async throws {
        let harness = ServeHarness(listen: "0.0.0.0:8025", access: .token(Secret("tok")))
        try await harness.test { client in
            for host in ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "localhost"] {
                let status = try await client.execute(
                    uri: "/api/probe", method: .post,
                    headers: [.contentType: "application/json", .authorization: "Bearer tok"],
                    body: ByteBuffer(string: #"{"host": "\#(host)", "port": 25}"#)
                ) { $0.status }
                #expect(status == .forbidden, "\(host)")
            }
        }
    }

    @Test func probesAreLimitedPerClientAndTheAllowanceReturnsWithTime() async throws {
        let harness = ServeHarness()
        try await harness.test { client in
            // Port 1 on loopback refuses at once: each probe ends quickly in Connection Failed.
            for _ in 0..<3 {
                let (status, _) = try await Browser.postJSON(client, "/api/probe", #"{"host": "127.0.0.1", "port": 1}"#)
                #expect(status == .ok)
            }
            let refused = try await Browser.postJSON(client, "/api/probe", #"{"host": "127.0.0.1", "port": 1}"#)
            #expect(refused.status == .tooManyRequests)
            harness.clock.advance(.seconds(61))
            let again = try await Browser.postJSON(client, "/api/probe", #"{"host": "127.0.0.1", "port": 1}"#)
            #expect(again.status == .ok)
        }
    }
}

/// Pulls the result identifier out of a page's download links.
enum ResultLink {
    static func id(in page: String) -> String? {
        guard let start = page.range(of: "/results/") else { return nil }
        let rest = page[start.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[..<$0]) }
    }
}

/// A well-formed CSRF token that differs from the one given.
enum CSRFTokenSample {
    static func other(than token: String) -> String {
        token.first == "a" ? "b" + token.dropFirst() : "a" + token.dropFirst()
    }
}
