import Foundation
import Testing

/// End to end: a report built from an error, a probe of the fault-injecting server and interview answers renders
/// in headless Chromium to a PNG and a PDF, and the page makes no network request.
///
/// Chromium is installed by `.ci/run`. Without it the test skips with a message, except under `CI=true`, where a
/// missing browser is a failure.
@Suite struct ChromiumRenderingTests {
    static let chromium: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    @Test func theReportRendersToPNGAndPDFWithoutANetworkRequest() async throws {
        guard let chromium = Self.chromium else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("chromium is not installed: .ci/run must install it (apt-get install chromium)")
            } else {
                Terminal.warn(
                    "SKIPPED ChromiumRenderingTests: no chromium on PATH; install it (apt-get install chromium) to run the end-to-end rendering test"
                )
            }
            return
        }
        try await HostileServer.with { server in
            let folder = server.folder
            let answers = folder.appendingPathComponent("answers.yaml")
            try Data("account.mfa-enabled: true\n".utf8).write(to: answers)
            let html = folder.appendingPathComponent("case.html")
            let report = try await CommandRunner.run(
                [
                    "report", "--error", "550 5.7.1 Unable to relay", "--answers", answers.path, "--user", "svc",
                    "--password-env", "P", "-o", html.path,
                ] + server.arguments, environment: ["P": "wrong-password"])
            #expect([0, 3].contains(report.status), "\(report.standardError)")
            let document = try String(contentsOf: html, encoding: .utf8)
            #expect(document.contains("Authentication Failed"))
            #expect(document.contains("account.mfa-enabled"))

            // The detector must see a page's requests, or its silence would prove nothing.
            let control = folder.appendingPathComponent("control.html")
            try Data(#"<html><body><img src="https://cdn.example.com/x.png"></body></html>"#.utf8).write(to: control)
            let controlRun = try await Self.render(
                control, with: chromium, in: folder, output: "--screenshot", "control.png")
            #expect(controlRun.pageRequests.contains("https://cdn.example.com/x.png"))

            let png = try await Self.render(html, with: chromium, in: folder, output: "--screenshot", "case.png")
            #expect(png.pageRequests.isEmpty, "the report fetched \(png.pageRequests)")
            let image = try Data(contentsOf: folder.appendingPathComponent("case.png"))
            #expect(image.count > 10_000)
            #expect(image.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))

            let pdf = try await Self.render(html, with: chromium, in: folder, output: "--print-to-pdf", "case.pdf")
            #expect(pdf.pageRequests.isEmpty, "the report fetched \(pdf.pageRequests)")
            let paper = try Data(contentsOf: folder.appendingPathComponent("case.pdf"))
            #expect(paper.count > 10_000)
            #expect(paper.prefix(5) == Data("%PDF-".utf8))
            #expect(String(decoding: paper.suffix(32), as: UTF8.self).contains("%%EOF"))
        }
    }

    struct Rendering {
        /// The URLs the page itself asked for (the browser's own background services are not the page's).
        var pageRequests: [String]
    }

    /// Renders a file with every host name unresolvable and a network log, and reads the page's requests from it.
    static func render(_ page: URL, with chromium: URL, in folder: URL, output flag: String, _ name: String)
        async throws
        -> Rendering
    {
        let netLog = folder.appendingPathComponent("\(name).netlog.json")
        let result = try await CommandRunner.run(
            [
                "120", chromium.path, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--no-pdf-header-footer",
                "--user-data-dir=\(folder.appendingPathComponent("profile-\(name)").path)",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--log-net-log=\(netLog.path)",
                "--window-size=1000,1400", "\(flag)=\(folder.appendingPathComponent(name).path)",
                page.absoluteString,
            ], program: URL(fileURLWithPath: "/usr/bin/timeout"))
        #expect(result.status == 0, "chromium: \(result.standardError.suffix(2000))")
        let data = try Data(contentsOf: netLog)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let constants = try #require(log["constants"] as? [String: Any])
        let types = try #require(constants["logEventTypes"] as? [String: Int])
        let start = try #require(types["URL_REQUEST_START_JOB"])
        let events = log["events"] as? [[String: Any]] ?? []
        let requests = events.compactMap { event -> String? in
            guard event["type"] as? Int == start, let parameters = event["params"] as? [String: Any],
                let url = parameters["url"] as? String
            else { return nil }
            // Requests the browser makes for itself carry no origin; a page's carry the page's (file: is "null").
            return parameters["initiator"] as? String == "not an origin" ? nil : url
        }
        return Rendering(pageRequests: requests)
    }
}

/// Messages a test wants a person to see.
enum Terminal {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("\n*** \(message) ***\n\n".utf8))
    }
}
