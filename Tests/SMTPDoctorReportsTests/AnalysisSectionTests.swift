import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Testing

@testable import SMTPDoctorReports

/// A Postfix log with our outbound bounces and deferrals, inbound spam rejects, relay attempts and a bad HELO, and
/// login failures and a refused relay on the submission service (`Tests/Fixtures/analyze/postfix-sides.log`): each
/// side is its own section with advice for that side, and has its deliveries and failure rate.
@Suite struct AnalysisSectionTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/analyze/postfix-sides.log").path
    static let knowledgeBase = Result { try KnowledgeBase.load([.builtIn]) }

    private func analysis() throws -> LogAnalysis {
        LogAnalyzer(engine: InferenceEngine(knowledgeBase: try Self.knowledgeBase.get()), sampleLimit: 2)
            .run([Self.fixture])
    }

    /// The groups of the JSON report by side, as `[side: [diagnosis: group]]`.
    private func jsonGroups(_ analysis: LogAnalysis) throws -> [String: [String: [String: Any]]] {
        let json = try AnalysisJSONRenderer(toolVersion: "t").render(
            analysis, knowledgeBase: try Self.knowledgeBase.get())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        var bySide: [String: [String: [String: Any]]] = [:]
        for group in groups {
            let side = try #require(group["side"] as? String)
            bySide[side, default: [:]][group["diagnosis"] as? String ?? "none"] = group
        }
        return bySide
    }

    private func remediations(_ group: [String: Any]?) -> Set<String> {
        Set(((group?["checklist"] as? [[String: Any]]) ?? []).compactMap { $0["remediation"] as? String })
    }

    @Test func deliveriesAndFailuresAreCountedOnTheirSide() throws {
        let analysis = try analysis()
        // Six status=sent of the SMTP client (the LMTP delivery stores mail accepted on the way in), four
        // client= records of the MX service, three of the submission services.
        #expect(analysis.statistics.delivered == [.outbound: 6, .inbound: 4, .submission: 3])
        #expect(analysis.summary.sides == [.outbound: 4, .inbound: 6, .submission: 3])
        #expect(analysis.statistics.malformedLines == 0)
    }

    @Test func eachSideHasItsRateAndEachGroupItsShare() throws {
        let sections = AnalysisSection.all(try analysis())
        #expect(sections.map(\.side) == [.outbound, .inbound, .submission])
        #expect(sections.map(\.failureRate) == [40, 60, 50])
        #expect(sections[0].statuses == [.bounced: 2, .deferred: 2])
        let relay = try #require(sections[1].groups.first { $0.diagnosisID == "relay.inbound-relay-attempt-refused" })
        #expect(relay.count == 2)
        #expect(sections[1].share(of: relay) == 20)
    }

    @Test func eachRefusalIsDiagnosedForTheSideItIsOn() throws {
        let sections = AnalysisSection.all(try analysis())
        let ids = sections.map { Set($0.groups.compactMap(\.diagnosisID)) }
        #expect(ids[0].contains("recipient.unknown-user"))
        #expect(ids[0].contains("reputation.ip-blocklisted"))
        #expect(
            ids[1] == [
                "relay.inbound-relay-attempt-refused", "reputation.inbound-client-blocklisted",
                "protocol.inbound-helo-refused", "recipient.inbound-unknown-recipient",
            ])
        #expect(ids[2] == ["auth.submission-login-failed", "relay.submission-relay-without-login"])
        #expect(sections.allSatisfy { $0.groups.allSatisfy { $0.diagnosisID != nil } })
    }

    @Test func theAdviceIsForTheRightSide() throws {
        let groups = try jsonGroups(try analysis())
        // A stranger refused relaying by our MX: our policy at work, not a relay to allow.
        let relay = remediations(groups["inbound"]?["relay.inbound-relay-attempt-refused"])
        #expect(relay.contains("inbound-refusal-is-policy"))
        #expect(!relay.contains("allow-application-ip-to-relay"))
        // Our Spamhaus check refusing a client is not our IP to delist; a remote server's Spamhaus check is.
        let ourCheck = remediations(groups["inbound"]?["reputation.inbound-client-blocklisted"])
        #expect(ourCheck.contains("inbound-review-blocklist-checks"))
        #expect(!ourCheck.contains("request-blocklist-removal"))
        let remoteCheck = remediations(groups["outbound"]?["reputation.ip-blocklisted"])
        #expect(remoteCheck.contains("request-blocklist-removal"))
        // Our own user without a login: fix the client, not trust its address.
        let user = remediations(groups["submission"]?["relay.submission-relay-without-login"])
        #expect(user.contains("submission-client-logs-in"))
        #expect(!user.contains("allow-application-ip-to-relay"))
        let login = remediations(groups["submission"]?["auth.submission-login-failed"])
        #expect(login.contains("submission-check-user-login"))
        #expect(groups["inbound"]?["relay.inbound-relay-attempt-refused"]?["shareOfSide"] as? Double == 20)
    }

    @Test func theTextReportHasOneSectionPerSideWithItsGroups() throws {
        let text = AnalysisTextRenderer(style: TextStyle(colour: false), width: 200, top: 20).render(try analysis())
        #expect(
            text.contains(
                "By side: outbound 4 failed (bounced 2, deferred 2), 6 delivered (40.0 % of 10 records failed); "
                    + "inbound 6 refused, 4 accepted (60.0 % of 10 records refused); "
                    + "submission 3 refused, 3 accepted (50.0 % of 6 records refused)"
            ))
        let outbound = try #require(text.range(of: "Outbound: our mail refused or deferred by other servers"))
        let inbound = try #require(text.range(of: "Inbound: clients our server refused"))
        let submission = try #require(text.range(of: "Submission: our own users refused when logging in or sending"))
        #expect(outbound.upperBound < inbound.lowerBound && inbound.upperBound < submission.lowerBound)
        func section(of id: String) -> Int? {
            guard let found = text.range(of: id) else { return nil }
            return [outbound, inbound, submission].lastIndex { $0.upperBound < found.lowerBound }
        }
        #expect(section(of: "recipient.unknown-user  [") == 0)
        #expect(section(of: "reputation.ip-blocklisted") == 0)
        #expect(section(of: "relay.inbound-relay-attempt-refused") == 1)
        #expect(section(of: "reputation.inbound-client-blocklisted") == 1)
        #expect(section(of: "auth.submission-login-failed") == 2)
        #expect(section(of: "relay.submission-relay-without-login") == 2)
        #expect(text.contains("(2 refusals, 20.0 % of inbound records)"))
    }

    /// The Markdown or HTML document of `analysis`, with a fixed tool version, system and time.
    private static func document(of analysis: LogAnalysis) -> AnalysisDocument {
        let environment = SupportReport.Environment(
            toolVersion: "0.0.0-test", knowledgeBase: "built-in", operatingSystem: "TestOS", timeZone: "Etc/UTC",
            generatedAt: Date(timeIntervalSince1970: 1_800_000_000))
        return AnalysisDocument(analysis: analysis, environment: environment, top: 20)
    }

    @Test func theMarkdownAndHTMLDocumentsHaveOneSectionPerSide() throws {
        let analysis = try analysis()
        let document = Self.document(of: analysis)
        let renderer = AnalysisDocumentRenderer(templates: try TemplateLibrary())
        let markdown = try renderer.render(document, as: .markdown)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }
        #expect(
            headings == [
                "## Summary", "## Counts", "## Outbound: our mail refused or deferred by other servers",
                "## Inbound: clients our server refused",
                "## Submission: our own users refused when logging in or sending",
            ])
        let inbound = try #require(markdown.range(of: "## Inbound"))
        let submission = try #require(markdown.range(of: "## Submission"))
        let relay = try #require(markdown.range(of: "`relay.inbound-relay-attempt-refused`"))
        #expect(inbound.upperBound < relay.lowerBound && relay.upperBound < submission.lowerBound)
        #expect(markdown.hasPrefix("# smtp-doctor analysis: 4 delivery failures, 9 refusals"))
        #expect(markdown.contains("- inbound 6 refused, 4 accepted (60.0 % of 10 records refused)"))
        let html = try renderer.render(document, as: .html)
        #expect(html.contains("<h2 id=\"side-inbound\">Inbound: clients our server refused</h2>"))
        #expect(html.contains("<h2 id=\"side-submission\">"))
    }

    /// The text between `heading` and the next heading of the same level (or the end).
    private func section(_ text: String, from heading: String, to next: String?) throws -> Substring {
        let start = try #require(text.range(of: heading))
        let end = next.flatMap { text.range(of: $0, range: start.upperBound..<text.endIndex)?.lowerBound }
        return text[start.upperBound..<(end ?? text.endIndex)]
    }

    @Test func everyTableCountsTheRecordsOfOneSide() throws {
        let analysis = try analysis()
        // The relay attempts to target.example from 198.51.100.23 are inbound refusals: never among the outbound
        // failures, in any format; the outbound tables share out the 4 outbound failures only.
        let text = AnalysisTextRenderer(style: TextStyle(colour: false), width: 100, top: 20).render(analysis)
        let outboundText = try section(text, from: "Outbound: our mail", to: "Inbound: clients")
        let inboundText = try section(text, from: "Inbound: clients", to: "Submission: our own")
        #expect(text.range(of: "By category")!.lowerBound > text.range(of: "Outbound: our mail")!.upperBound)
        #expect(outboundText.contains("By category (share of outbound failures)"))
        #expect(outboundText.contains("By recipient domain (share of outbound failures)"))
        #expect(outboundText.contains("Per hour (outbound failures)"))
        #expect(!outboundText.contains("target.example") && !outboundText.contains("198.51.100.23"))
        #expect(!outboundText.contains("\n  relay "))
        #expect(outboundText.contains("25.0%"))
        #expect(inboundText.contains("By recipient domain (share of inbound refusals)"))
        #expect(inboundText.contains("target.example"))
        #expect(inboundText.contains("33.3%"), "2 of the 6 inbound refusals are relay attempts")

        let json = try AnalysisJSONRenderer(toolVersion: "t").render(
            analysis, knowledgeBase: try Self.knowledgeBase.get())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 2)
        for key in ["categories", "recipientDomains", "relays", "hours"] { #expect(object[key] == nil) }
        let sides = try #require(object["sides"] as? [[String: Any]])
        func names(_ side: [String: Any], _ key: String) -> Set<String> {
            Set(((side[key] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
        }
        let outbound = try #require(sides.first { $0["side"] as? String == "outbound" })
        let inbound = try #require(sides.first { $0["side"] as? String == "inbound" })
        #expect(
            outbound["categories"] as? [String: Int] == [
                "recipient": 1, "reputation": 1, "rate-limit": 1, "connection": 1,
            ])
        #expect(names(outbound, "recipientDomains") == ["example.com", "example.net", "example.io", "slow.example"])
        #expect(!names(outbound, "relays").contains("198.51.100.23"))
        #expect(outbound["records"] as? Int == 10)
        #expect((inbound["categories"] as? [String: Int])?["relay"] == 2)
        #expect(names(inbound, "recipientDomains").contains("target.example"))

        let document = Self.document(of: analysis)
        let renderer = AnalysisDocumentRenderer(templates: try TemplateLibrary())
        let markdown = try renderer.render(document, as: .markdown)
        let counts = try section(markdown, from: "## Counts", to: "## Outbound")
        #expect(!counts.contains("| Category"))
        let outboundMarkdown = try section(markdown, from: "## Outbound", to: "## Inbound")
        #expect(outboundMarkdown.contains("| Category | Records | Share of outbound failures |"))
        #expect(outboundMarkdown.contains("| example.io | 1 | 25.0% |"))
        #expect(!outboundMarkdown.contains("target.example") && !outboundMarkdown.contains("| relay |"))
        let inboundMarkdown = try section(markdown, from: "## Inbound", to: "## Submission")
        #expect(inboundMarkdown.contains("| target.example | 2 | 33.3% |"))
        let html = try renderer.render(document, as: .html)
        let outboundHTML = try section(html, from: "<h2 id=\"side-outbound\">", to: "<h2 id=\"side-inbound\">")
        #expect(outboundHTML.contains("<th scope=\"col\">Share of outbound failures</th>"))
        #expect(!outboundHTML.contains("target.example"))
        let inboundHTML = try section(html, from: "<h2 id=\"side-inbound\">", to: "<h2 id=\"side-submission\">")
        #expect(inboundHTML.contains("<td>target.example</td><td>2</td><td>33.3%</td>"))
    }
}
