import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore
import SMTPDoctorProbes
import SMTPTestServer
import Testing

@testable import SMTPDoctorServe

@Suite struct ServeProbeStepsTests {
    @Test func eachStepIsReportedAsItCompletesInTheOrderOfTheReport() async throws {
        try await withSMTPTestServer(SMTPTestServerScript()) { server in
            let seen = NIOLockedValueBox<[ProbeStep]>([])
            let report = await SMTPProbe(ProbeConfiguration(host: "127.0.0.1", port: server.port, tlsMode: .none)).run {
                step in seen.withLockedValue { $0.append(step) }
            }
            #expect(report.verdict == .success)
            #expect(!report.steps.isEmpty)
            #expect(seen.withLockedValue { $0 } == report.steps)
        }
    }

    @Test func aPinnedProbeConnectsToTheCheckedAddressWithoutResolvingTheNameAgain() async throws {
        try await withSMTPTestServer(SMTPTestServerScript()) { server in
            var configuration = ProbeConfiguration(host: "never-resolves.invalid", port: server.port, tlsMode: .none)
            configuration.pinnedAddresses = ["127.0.0.1"]
            let report = await SMTPProbe(configuration).run()
            #expect(report.resolveFailure == nil)
            #expect(report.connectedAddress == "127.0.0.1:\(server.port)")
            #expect(report.verdict == .success)
        }
    }

    @Test(arguments: ["93.184.216.34", "2606:4700::1111"])
    func aReachableListenerPinsTheProbeToTheAddressesItChecked(_ host: String) async throws {
        let settings = ServeHarness(listen: "0.0.0.0:8025", access: .token(Secret("tok"))).settings
        let operation = ProbeOperation(knowledgeBase: try ServeHarness.knowledgeBase.get(), settings: settings)
        let request = try JSONDecoder().decode(ProbeRequest.self, from: Data(#"{"host": "\#(host)", "port": 25}"#.utf8))
        let configuration = try await operation.prepare(request) {}
        let pinned = try #require(configuration.pinnedAddresses.first)
        #expect(configuration.pinnedAddresses.count == 1)
        #expect(
            try SocketAddress(ipAddress: pinned, port: 25).ipAddress
                == SocketAddress(ipAddress: host, port: 25).ipAddress)
    }

    @Test func aLoopbackListenerLeavesTheNameToTheProbe() async throws {
        let operation = ProbeOperation(
            knowledgeBase: try ServeHarness.knowledgeBase.get(), settings: ServeHarness().settings)
        let request = try JSONDecoder().decode(
            ProbeRequest.self, from: Data(#"{"host": "127.0.0.1", "port": 25}"#.utf8))
        #expect(try await operation.prepare(request) {}.pinnedAddresses.isEmpty)
    }

    @Test func theResultPageListsEveryStepBeforeTheVerdict() async throws {
        try await withSMTPTestServer(SMTPTestServerScript()) { server in
            try await ServeHarness().test { client in
                let token = try await Browser.token(client, page: "/probe")
                let page = try await Browser.post(
                    client, "/probe", token: token,
                    fields: [("host", "127.0.0.1"), ("port", String(server.port)), ("security", "none")])
                #expect(page.status == .ok)
                let verdict = try #require(page.body.range(of: #"id="verdict">Success"#))
                let rows = page.body.components(separatedBy: #"<tr class="step">"#).count - 1
                #expect(rows >= 4, "resolve, connect, greeting, EHLO at least: \(page.body)")
                let lastRow = try #require(page.body.range(of: #"<tr class="step">"#, options: .backwards))
                #expect(lastRow.lowerBound < verdict.lowerBound)
                #expect(page.body.hasSuffix("</html>\n"))
            }
        }
    }

    @Test func aFailureAfterThePageHasBegunEndsItWithAWholePageThatSaysWhatFailed() async throws {
        try await withSMTPTestServer(SMTPTestServerScript()) { server in
            let operation = ProbeOperation(
                knowledgeBase: try ServeHarness.knowledgeBase.get(), settings: ServeHarness().settings)
            let configuration = ProbeConfiguration(host: "127.0.0.1", port: server.port, tlsMode: .none)
            let page = ProbePageStream(
                host: "127.0.0.1", port: server.port,
                run: { onStep in await operation.run(configuration, onStep: onStep) },
                end: { _ in throw ServeFailure(.internalServerError, "The <downloads> could not be kept.") })
            let body = CollectedBody()
            var writer: any ResponseBodyWriter = body
            try await page.write(to: &writer)
            let html = body.text
            #expect(body.finished)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
            let rows = html.components(separatedBy: #"<tr class="step">"#).count - 1
            #expect(rows >= 4, "resolve, connect, greeting, EHLO at least: \(html)")
            let lastRow = try #require(html.range(of: #"<tr class="step">"#, options: .backwards))
            let tableEnd = try #require(html.range(of: "</table>"))
            let failure = try #require(html.range(of: #"id="failure""#))
            #expect(lastRow.upperBound < tableEnd.lowerBound && tableEnd.upperBound < failure.lowerBound)
            #expect(html.contains("The &lt;downloads&gt; could not be kept."))
            #expect(!html.contains(#"id="verdict""#))
            for element in ["table", "main", "body", "html"] {
                #expect(
                    html.components(separatedBy: "<\(element)").count
                        == html.components(separatedBy: "</\(element)>").count,
                    "<\(element)> is closed")
            }
        }
    }
}

/// A response body kept in memory, to read what a streamed page wrote.
final class CollectedBody: ResponseBodyWriter, Sendable {
    private let state = NIOLockedValueBox((text: "", finished: false))

    /// Everything written so far.
    var text: String { state.withLockedValue { $0.text } }
    /// Whether the body was finished.
    var finished: Bool { state.withLockedValue { $0.finished } }

    func write(_ buffer: ByteBuffer) async throws {
        state.withLockedValue { $0.text += String(buffer: buffer) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {
        state.withLockedValue { $0.finished = true }
    }
}
