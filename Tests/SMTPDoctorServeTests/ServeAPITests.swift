import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SMTPDoctorCore
import SMTPDoctorReports
import SMTPDoctorServe
import Testing

@Suite struct ServeAPITests {
    @Test func diagnoseAnswersWithTheCommandLinesJSONContract() async throws {
        let harness = ServeHarness()
        let knowledgeBase = try ServeHarness.knowledgeBase.get()
        let error = "535 5.7.8 Authentication credentials invalid"
        let expected = try DiagnosisJSONRenderer(toolVersion: "test").render(
            InferenceEngine(knowledgeBase: knowledgeBase).diagnose(Evidence(errors: [error])),
            knowledgeBase: knowledgeBase)
        try await harness.test { client in
            let (status, body) = try await Browser.postJSON(client, "/api/diagnose", #"{"errors": ["\#(error)"]}"#)
            #expect(status == .ok)
            #expect(body == expected)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(object["schemaVersion"] as? Int == 1)
            let first = try #require((object["diagnoses"] as? [[String: Any]])?.first)
            #expect((first["id"] as? String)?.hasPrefix("auth.") == true)
        }
    }

    @Test func diagnoseNamesTheProviderItIsGivenByAlias() async throws {
        try await ServeHarness().test { client in
            let (status, body) = try await Browser.postJSON(
                client, "/api/diagnose", #"{"errors": ["550 5.7.1 Unable to relay"], "provider": "nonsense-provider"}"#)
            #expect(status == .badRequest)
            #expect(body.contains("Unknown provider"))
        }
    }

    @Test func diagnoseRefusesAnEmptyListAndAnotherMediaType() async throws {
        try await ServeHarness().test { client in
            let empty = try await Browser.postJSON(client, "/api/diagnose", #"{"errors": []}"#)
            #expect(empty.status == .badRequest)
            let form = try await client.execute(
                uri: "/api/diagnose", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: #"{"errors": ["550"]}"#)
            ) { $0.status }
            #expect(form == .unsupportedMediaType)
            let broken = try await Browser.postJSON(client, "/api/diagnose", #"{"errors": "#)
            #expect(broken.status == .badRequest)
        }
    }

    @Test func analyzeReadsTheBodyAsALog() async throws {
        let log = """
            Oct 11 10:00:01 mx postfix/smtp[123]: 4ABC123: to=<bob@example.org>, relay=mx.example.org[192.0.2.1]:25, \
            delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.1] said: 550 5.1.1 \
            <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))

            """
        try await ServeHarness().test { client in
            let (status, body) = try await client.execute(
                uri: "/api/analyze", method: .post, body: ByteBuffer(string: log)
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(body.contains("5.1.1"), "\(object.keys.sorted())")
        }
    }

    @Test func healthzAnswers() async throws {
        try await ServeHarness().test { client in
            let (status, body) = try await client.execute(uri: "/healthz", method: .get) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(status == .ok)
            #expect(body.contains("ok"))
        }
    }

    @Test func openAPIDocumentDescribesExactlyTheAPIRoutes() async throws {
        try await ServeHarness().test { client in
            let body = try await client.execute(uri: "/openapi.json", method: .get) { String(buffer: $0.body) }
            let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let described = Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(described == Set(ServeApplication.apiRoutes))
            for route in ServeApplication.apiRoutes {
                let parts = route.split(separator: " ")
                let method = try #require(HTTPRequest.Method(String(parts[0])))
                let status = try await client.execute(
                    uri: String(parts[1]), method: method, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: "{}")
                ) { $0.status }
                #expect(status != .notFound && status != .methodNotAllowed, "\(route) answered \(status)")
            }
        }
    }
}

@Suite struct ServeCheckDomainTests {
    @Test(arguments: [
        #"{"domain": "not a domain"}"#, #"{"domain": "example.com", "ip": "999.1.1.1"}"#,
        #"{"domain": "example.com", "selectors": ["a b"]}"#,
    ])
    func malformedInputIsRefusedBeforeAnyLookup(_ body: String) async throws {
        try await ServeHarness().test { client in
            let (status, text) = try await Browser.postJSON(client, "/api/check-domain", body)
            #expect(status == .badRequest)
            #expect(text.contains("\"message\""))
        }
    }
}
