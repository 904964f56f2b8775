import ArgumentParser

/// The two command lines people run most, read without ArgumentParser: `--version`, and `diagnose` with error
/// texts, a provider, symptoms and the output options below.
///
/// ArgumentParser finds a command's options by reflecting over its properties, which makes the Swift runtime look up
/// protocol conformances by scanning every conformance record of the program: that costs more than diagnosing the
/// error. This reader hands the same values to the same command, runs the same checks, and gives way to
/// ArgumentParser (`nil`) for anything else: other options, an option given twice, a value that starts with `-`,
/// help, completion, and any check that fails, so that every message and exit status stays ArgumentParser's.
///
/// Read here: `diagnose` followed by any of `--error TEXT` (repeatable; `-` reads standard input),
/// `--provider ID`, `--symptom ID` (repeatable), `--format FORMAT`, `--explain`, `--brief`, `--no-color` and
/// `--no-pager`; a value may also follow its option after `=` (`--format=json`).
enum QuickCommandLine {
    /// What the command line asks for.
    enum Request {
        /// `smtp-doctor --version`.
        case version
        /// `smtp-doctor diagnose …`, its options parsed and checked.
        case diagnose(SMTPDoctor.Diagnose)
    }

    /// The request of `arguments` (without the program name), or `nil` when ArgumentParser must read them.
    static func request(_ arguments: [String]) -> Request? {
        if arguments == ["--version"] { return .version }
        guard arguments.first == "diagnose", let values = DiagnoseValues(arguments.dropFirst()) else { return nil }
        return values.command().map(Request.diagnose)
    }
}

/// The options of a `diagnose` command line that `QuickCommandLine` reads.
private struct DiagnoseValues {
    var errors: [String] = []
    var provider: String?
    var symptoms: [String] = []
    var format: OutputFormat?
    var explain = false
    var brief = false
    var noColour = false
    var noPager = false

    /// The options of `arguments`, or `nil` for anything ArgumentParser must read.
    init?(_ arguments: ArraySlice<String>) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            let name: Substring
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                name = argument[..<equals]
                value = String(argument[argument.index(after: equals)...])
            } else {
                name = argument[...]
            }
            func takeValue() -> String? {
                if value == nil { value = rest.popFirst() }
                guard let value, !value.isEmpty, value == "-" || !value.hasPrefix("-") else { return nil }
                return value
            }
            func set(_ flag: inout Bool) -> Bool {
                guard value == nil, !flag else { return false }
                flag = true
                return true
            }
            switch name {
            case "--error":
                guard let text = takeValue() else { return nil }
                errors.append(text)
            case "--symptom":
                guard let id = takeValue(), id != "-" else { return nil }
                symptoms.append(id)
            case "--provider":
                guard provider == nil, let id = takeValue(), id != "-" else { return nil }
                provider = id
            case "--format":
                guard format == nil, let text = takeValue(), let chosen = OutputFormat(argument: text) else {
                    return nil
                }
                format = chosen
            case "--explain": guard set(&explain) else { return nil }
            case "--brief": guard set(&brief) else { return nil }
            case "--no-color": guard set(&noColour) else { return nil }
            case "--no-pager": guard set(&noPager) else { return nil }
            default: return nil
            }
        }
    }

    /// The command with these values and every other option unset, after the checks ArgumentParser runs; `nil`
    /// when a check fails or the configuration files cannot be read (ArgumentParser then reports it).
    func command() -> SMTPDoctor.Diagnose? {
        var evidence = EvidenceOptions()
        evidence.errors = errors
        evidence.provider = provider
        evidence.symptoms = symptoms

        var dns = DomainCheckArguments()
        dns.ip = nil
        dns.selectors = []
        dns.blocklists = []
        dns.dnsServer = nil
        dns.mtaSTSCA = nil
        var domainCheck = DomainEvidenceOptions()
        domainCheck.domain = nil
        domainCheck.dns = dns

        var output = OutputOptions<SupportDocuments>()
        output.format = format
        output.outputFile = nil
        output.templateFolder = nil
        output.minConfidence = OutputOptions<SupportDocuments>.defaultMinConfidence
        output.brief = brief
        output.maxSteps = nil
        output.noColour = noColour
        output.noPager = noPager

        var config = ConfigOptions()
        config.file = nil
        var knowledge = KnowledgeOptions()
        knowledge.folders = []
        knowledge.config = config

        var command = SMTPDoctor.Diagnose()
        command.given = evidence
        command.domainCheck = domainCheck
        command.explain = explain
        command.output = output
        command.knowledge = knowledge
        command.connection = .unset

        guard case .success(let settings) = config.resolved() else { return nil }
        do {
            try evidence.validate()
            try dns.validate()
            try domainCheck.validate()
            try output.validate()
            try knowledge.validate()
            try command.connection.validate()
            try command.validate()
        } catch {
            return nil
        }
        ConfigDefaults.shared.set(settings)
        return command
    }
}

extension ConnectionOptions {
    /// The options when none of them is on the command line.
    fileprivate static var unset: ConnectionOptions {
        var options = ConnectionOptions()
        options.host = nil
        options.port = defaultPort
        options.tls = defaultTLS
        options.user = nil
        options.passwordEnv = nil
        options.passwordFile = nil
        options.password = nil
        options.authMech = nil
        options.from = nil
        options.to = nil
        options.sendTest = false
        options.allowPlaintextAuth = false
        options.allowUntrustedCertificate = false
        options.caFile = nil
        options.timeout = defaultTimeout
        options.deadline = defaultDeadline
        options.heloName = defaultHeloName
        return options
    }
}
