import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS
import SMTPDoctorProbes

/// Everything one support document says: the evidence given, what the engine concluded, the probe, and the
/// environment the support ticket needs.
///
/// The report holds no secret: a probe's transcript is redacted before it gets here, and the connection records
/// only whether credentials were given and how they were to be sent.
public struct SupportReport: Sendable {
    /// Where and with what the report was made.
    public struct Environment: Sendable, Hashable {
        public var toolVersion: String
        /// The knowledge base in use, such as `built-in (212 diagnoses, 640 rules)`.
        public var knowledgeBase: String
        /// The operating system and its version. In ``current(toolVersion:knowledgeBase:)`` it is read from the
        /// system the first time a document asks for it: most outputs never show it, and reading it (and the time
        /// zone) took more instructions than a whole diagnosis.
        public var operatingSystem: String {
            get { givenOperatingSystem ?? HostSystem.operatingSystem }
            set { givenOperatingSystem = newValue }
        }
        /// The time zone's identifier, read from the system when first asked for, as the operating system is.
        public var timeZone: String {
            get { givenTimeZone ?? HostSystem.timeZone }
            set { givenTimeZone = newValue }
        }
        public var generatedAt: Date
        private var givenOperatingSystem: String?
        private var givenTimeZone: String?

        /// Creates an environment.
        public init(
            toolVersion: String, knowledgeBase: String, operatingSystem: String, timeZone: String, generatedAt: Date
        ) {
            self.init(toolVersion: toolVersion, knowledgeBase: knowledgeBase, generatedAt: generatedAt)
            givenOperatingSystem = operatingSystem
            givenTimeZone = timeZone
        }

        private init(toolVersion: String, knowledgeBase: String, generatedAt: Date) {
            self.toolVersion = toolVersion
            self.knowledgeBase = knowledgeBase
            self.generatedAt = generatedAt
        }

        /// The environment of this process; `SOURCE_DATE_EPOCH` fixes the time for reproducible documents.
        public static func current(toolVersion: String, knowledgeBase: KnowledgeBase) -> Environment {
            // One variable through `getenv`: `ProcessInfo.environment` copies them all into a dictionary.
            let epoch = getenv("SOURCE_DATE_EPOCH").flatMap { TimeInterval(String(cString: $0)) }
            return Environment(
                toolVersion: toolVersion,
                knowledgeBase: "\(knowledgeBase.diagnoses.count) diagnoses, \(knowledgeBase.rules.count) rules",
                generatedAt: epoch.map { Date(timeIntervalSince1970: $0) } ?? Date())
        }
    }

    /// What the system the program runs on says about itself, read once, when first asked for.
    private enum HostSystem {
        static let operatingSystem = ProcessInfo.processInfo.operatingSystemVersionString
        static let timeZone = TimeZone.current.identifier
    }

    /// The server that was probed and how, without the secret.
    public struct Connection: Sendable, Hashable {
        public var host: String
        public var port: String
        public var tlsMode: String
        /// `none`, or the user and the mechanism, such as `svc (best offered of PLAIN and LOGIN)`.
        public var authentication: String

        /// Creates a connection description.
        public init(host: String, port: String, tlsMode: String, authentication: String) {
            self.host = host
            self.port = port
            self.tlsMode = tlsMode
            self.authentication = authentication
        }
    }

    public var environment: Environment
    public var connection: Connection?
    /// The error texts, verbatim.
    public var errors: [String]
    public var provider: String?
    public var symptoms: [String]
    public var result: DiagnosisResult
    public var probes: [ProbeOutcome]
    /// The findings of the domain's DNS checks (`--domain`), if any.
    public var domainCheck: DomainCheckReport?
    /// Values given on the command line for the commands' placeholders; the probe and the facts fill the gaps.
    public var commandValues = CommandValues()

    /// Creates a report.
    public init(
        environment: Environment, connection: Connection? = nil, errors: [String] = [], provider: String? = nil,
        symptoms: [String] = [], result: DiagnosisResult, probes: [ProbeOutcome] = [],
        domainCheck: DomainCheckReport? = nil
    ) {
        self.domainCheck = domainCheck
        self.environment = environment
        self.connection = connection
        self.errors = errors
        self.provider = provider
        self.symptoms = symptoms
        self.result = result
        self.probes = probes
    }

    /// The checklist's commands, filled from the values given, then the probed server, then the facts.
    public var checklistCommands: ChecklistCommands {
        let probed = probes.first.map { CommandValues(host: $0.report.host, port: String($0.report.port)) }
        return ChecklistCommands(result: result, given: commandValues.filling(gapsFrom: probed ?? CommandValues()))
    }

    /// One paragraph: the verdict and the most likely cause.
    public var summary: String {
        var sentences: [String] = []
        if let outcome = probes.first {
            let probe = outcome.report
            let reason = outcome.reason.hasSuffix(".") ? outcome.reason : outcome.reason + "."
            sentences.append("The probe of \(probe.host):\(probe.port) ended in \(outcome.verdict.title): \(reason)")
        }
        if let first = result.diagnoses.first {
            let percent = Int((first.confidence * 100).rounded())
            sentences.append(
                "Most likely cause (\(percent)% confidence): \(first.definition.title). \(first.definition.summary)")
            if result.diagnoses.count > 1 {
                sentences.append("\(result.diagnoses.count - 1) other cause(s) are possible; see the ranking below.")
            }
        } else {
            sentences.append(
                "smtp-doctor did not recognise this failure; the evidence below is what the support ticket needs.")
        }
        return sentences.joined(separator: " ")
    }
}
