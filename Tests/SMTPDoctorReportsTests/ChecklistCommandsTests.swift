import Foundation
import SMTPDoctorCore
import Testing

@testable import SMTPDoctorReports

/// Placeholders filled from what is known, never from a secret, never with a value that could change the command;
/// provider commands first; the short forms of the text checklist.
@Suite struct ChecklistCommandsTests {
    static let knowledgeBase = SupportReportRendererTests.knowledgeBase

    static let allValues = CommandValues(
        host: "smtp.office365.com", port: "587", region: "us-east-1", domain: "example.org", user: "svc@example.org")

    static func diagnose(_ errors: [String], provider: String? = nil) throws -> DiagnosisResult {
        InferenceEngine(knowledgeBase: try knowledgeBase.get()).diagnose(Evidence(errors: errors, provider: provider))
    }

    // MARK: - Placeholders

    @Test func knownPlaceholdersAreFilled() {
        let filler = CommandPlaceholders(values: Self.allValues)
        #expect(filler.fill("nc -vz -w 10 '<host>' '<port>'") == "nc -vz -w 10 'smtp.office365.com' '587'")
        #expect(
            filler.fill("aws sesv2 get-account --region '<region>'") == "aws sesv2 get-account --region 'us-east-1'")
        #expect(
            filler.fill("dig +short MX '<domain>'; echo '<user>'")
                == "dig +short MX 'example.org'; echo 'svc@example.org'")
    }

    @Test(arguments: ["<server>", "<tenant>", "<password>", "<secret>", "<token>", "<queue-id>", "<host", "a < b > c"])
    func otherPlaceholdersStayAsWritten(_ text: String) {
        #expect(CommandPlaceholders(values: Self.allValues).fill(text) == text)
    }

    @Test func unknownValuesLeaveTheirPlaceholders() {
        let filler = CommandPlaceholders(values: CommandValues(host: "mail.example.com"))
        #expect(
            filler.fill("openssl s_client -connect '<host>:<port>'")
                == "openssl s_client -connect 'mail.example.com:<port>'")
    }

    @Test(arguments: [
        "evil.example; rm -rf /", "x' && id && '", "$(id)", "`id`", "-oProxyCommand=id", "a b", "%PATH%", "@splat",
        "mail.example.com\n", "ünïcode.example", "",
    ])
    func unsafeValuesAreNeverFilledIn(_ value: String) {
        let filler = CommandPlaceholders(values: CommandValues(host: value, user: value))
        #expect(
            filler.fill("swaks --server '<host>' --auth-user '<user>'")
                == "swaks --server '<host>' --auth-user '<user>'")
    }

    // MARK: - Values

    @Test func valuesComeFromTheFactsAndTheCommandLineWins() {
        let source = FactSource(.errorText, "1")
        let facts = [
            Fact("remote.host", .string("mx.example.net"), source: source),
            Fact("config.port", .int(465), source: source),
            Fact(
                "reply.text", .string("Email address is not verified in region US-EAST-1: a@example.org"),
                source: source),
        ]
        let fromFacts = CommandValues(facts: facts)
        #expect(fromFacts.host == "mx.example.net")
        #expect(fromFacts.port == "465")
        #expect(fromFacts.region == "us-east-1")
        let given = CommandValues(host: "smtp.example.com", user: "svc@example.org").filling(gapsFrom: fromFacts)
        #expect(given.host == "smtp.example.com")
        #expect(given.port == "465")
        #expect(given.domain == "example.org")
    }

    @Test func regionIsReadFromAHostNameOrAWord() {
        #expect(CommandValues.region(in: "email-smtp.eu-central-1.amazonaws.com") == "eu-central-1")
        #expect(CommandValues.region(in: "us-gov-west-1") == "us-gov-west-1")
        #expect(CommandValues.region(in: "smtp.example.com port 587") == nil)
        #expect(CommandValues.region(in: "x-mailer-2 is not a region") == nil)
    }

    // MARK: - Results

    @Test func theRegionInTheErrorReachesTheCommands() throws {
        let result = try Self.diagnose(
            [
                "554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: alerts@example.com"
            ], provider: "amazon-ses")
        let json = try DiagnosisJSONRenderer(toolVersion: "test").render(
            result, knowledgeBase: try Self.knowledgeBase.get())
        #expect(json.contains("--region 'us-east-1'"))
        #expect(!json.contains("<region>"))
        #expect(!json.contains("eu-west-1"))
    }

    @Test func providerCommandsComeFirstInJSON() throws {
        let result = try Self.diagnose(
            ["535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."],
            provider: "microsoft-365")
        let commands = ChecklistCommands(result: result)
        let remediation = try #require(
            result.diagnoses.flatMap(\.remediations).first {
                !($0.providerSteps["microsoft-365"]?.commands ?? []).isEmpty
            })
        let specific = try #require(remediation.providerSteps["microsoft-365"]?.commands)
        #expect(Array(commands.commands(for: remediation).prefix(specific.count)) == specific)
        let json = try DiagnosisJSONRenderer(toolVersion: "test").render(
            result, knowledgeBase: try Self.knowledgeBase.get())
        #expect(json.contains("Set-CASMailbox"))
    }

    @Test func commandsFollowTheLastShownStepOfTheirRemediation() throws {
        let result = try Self.diagnose(["Connection timed out connecting to smtp.office365.com:587"])
        let remediations = result.diagnoses.flatMap(\.remediations)
        let steps = Array(result.checklist.prefix(4))
        let after = ChecklistCommands(result: result).commandsAfter(steps, remediations: remediations)
        #expect(after.count == steps.count)
        for (index, step) in steps.enumerated() {
            let isLast = !steps[(index + 1)...].contains { $0.remediationID == step.remediationID }
            if !isLast { #expect(after[index].isEmpty) }
        }
        #expect(after.contains { !$0.isEmpty })
    }

    // MARK: - Text

    @Test func theHostOfTheErrorFillsTheTextCommands() throws {
        let result = try Self.diagnose(["Could not connect to SMTP host: smtp.office365.com, port: 587; timeout 30000"])
        let text = DiagnosisTextRenderer().render(result, knowledgeBase: try Self.knowledgeBase.get())
        #expect(text.contains("nc -vz -w 10 'smtp.office365.com' '587'"))
        #expect(!text.contains("'<host>'"))
    }

    @Test func theCommandLineFillsWhatTheErrorDoesNotSay() throws {
        let result = try Self.diagnose(["Connection timed out"])
        let values = CommandValues(host: "mail.example.net", port: "2525")
        let text = DiagnosisTextRenderer(commandValues: values).render(
            result, knowledgeBase: try Self.knowledgeBase.get())
        #expect(text.contains("nc -vz -w 10 'mail.example.net' '2525'"))
        let plain = DiagnosisTextRenderer().render(result, knowledgeBase: try Self.knowledgeBase.get())
        #expect(plain.contains("nc -vz -w 10 '<host>' '<port>'"))
    }

    @Test func aStepLimitCountsTheRest() throws {
        let result = try Self.diagnose(["Connection timed out connecting to smtp.office365.com:587"])
        try #require(result.checklist.count > 2)
        let text = DiagnosisTextRenderer(maximumSteps: 2).render(result, knowledgeBase: try Self.knowledgeBase.get())
        let numbered = text.split(separator: "\n").filter { $0.hasPrefix(" ") && $0.contains("[ ] ") }
        #expect(numbered.count == 2)
        let rest = result.checklist.count - 2
        #expect(text.contains("… \(rest) more step\(rest == 1 ? "" : "s")"))
    }

    @Test func briefShowsTheLeadingCauseAndItsFirstSteps() throws {
        let result = try Self.diagnose(["Connection timed out connecting to smtp.office365.com:587"])
        let leading = try #require(result.diagnoses.first)
        let text = DiagnosisTextRenderer(brief: true).render(result, knowledgeBase: try Self.knowledgeBase.get())
        #expect(text.contains(leading.definition.id))
        for other in result.diagnoses.dropFirst() { #expect(!text.contains("   " + other.definition.id + "\n")) }
        let numbered = text.split(separator: "\n").filter { $0.hasPrefix(" ") && $0.contains("[ ] ") }
        let own = result.checklist.filter { $0.diagnosisIDs.first == leading.definition.id }
        try #require(!own.isEmpty)
        #expect(numbered.count == min(3, own.count))
        #expect(numbered.first.map { $0.contains(own[0].step.prefix(20)) } == true)
        #expect(!text.contains("What the codes mean"))
        #expect(!text.contains("\nFacts"))
    }
}
