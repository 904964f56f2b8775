import Foundation

/// What is wrong with a `sh` command of the rules: its syntax (`bash -n`), the Postfix parameters it names
/// (`postconf -d`), the options it gives swaks, openssl, dig and nc (their own help), and the mistakes about
/// Debian, RHEL and DNS blocklists that no tool reports.
struct ShellCommandCheck: Sendable {
    /// `bash`, if installed.
    var bash: InstalledTool?
    /// Postfix's parameters and their defaults (`postconf -d`), if Postfix is installed.
    var postfixDefaults: [String: String]?
    /// Each checked program's help text, by program (`openssl` by subcommand, `openssl s_client`).
    var helpTexts: [String: String]

    /// Lists whose answers mean "refused" when the query comes through a public resolver.
    static let refusingBlocklists = ["spamhaus.org", "uribl.com"]

    func problems(in command: RuleCommand) throws -> [String] {
        var found: [String] = []
        if let bash {
            let result = try bash.run(["-n"], input: command.run)
            if result.status != 0 {
                found.append("bash -n: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
        if command.run.range(of: #"(^|[\s=(])<[A-Za-z][^<>\s]*>"#, options: .regularExpression) != nil {
            found.append("an unquoted <placeholder> is a shell redirection; quote it ('<name>')")
        }
        for words in ShellWords.commands(in: command.run) {
            guard let program = words.first else { continue }
            found += optionProblems(program, Array(words.dropFirst()))
            if program == "postconf" { found += postconfProblems(Array(words.dropFirst())) }
        }
        found += systemProblems(command)
        return found
    }

    // MARK: - Options against the program's own help

    private func optionProblems(_ program: String, _ arguments: [String]) -> [String] {
        switch program {
        case "swaks":
            guard let help = helpTexts["swaks"] else { return [] }
            // swaks takes every option with one dash or two; its manual lists most with one.
            return arguments.filter { $0.hasPrefix("-") }.compactMap { option in
                let name = (option.split(separator: "=", maxSplits: 1).first.map(String.init) ?? option)
                    .drop { $0 == "-" }
                let pattern = #"(^|[\s,\[])--?"# + NSRegularExpression.escapedPattern(for: String(name)) + #"(?![\w-])"#
                return help.range(of: pattern, options: .regularExpression) == nil
                    ? "swaks has no option \(option)" : nil
            }
        case "openssl":
            guard let subcommand = arguments.first, let help = helpTexts["openssl \(subcommand)"] else { return [] }
            return arguments.dropFirst().filter { $0.hasPrefix("-") && $0.count > 1 }.compactMap { option in
                help.range(
                    of: #"(^|\s)"# + NSRegularExpression.escapedPattern(for: option) + #"(?![\w-])"#,
                    options: .regularExpression) == nil ? "openssl \(subcommand) has no option \(option)" : nil
            }
        case "dig":
            guard let help = helpTexts["dig"] else { return [] }
            return arguments.compactMap { word in
                if word.hasPrefix("+") {
                    let name = String(word.dropFirst().split(separator: "=").first ?? "")
                    let known = help.contains("+\(name)") || help.contains("+[no]\(name)")
                    return known ? nil : "dig has no query option \(word)"
                }
                if word.hasPrefix("-"), word.count == 2, !help.contains("[\(word)") && !help.contains(" \(word) ") {
                    return "dig has no option \(word)"
                }
                return nil
            }
        case "nc":
            guard let help = helpTexts["nc"] else { return [] }
            let letters = Set(help.matches(of: /-([A-Za-z0-9]+)/).flatMap { Array($0.1) })
            return arguments.filter { $0.hasPrefix("-") && $0.count > 1 }.compactMap { option in
                let unknown = option.dropFirst().filter { !letters.contains($0) }
                return unknown.isEmpty ? nil : "nc (OpenBSD) has no option -\(String(unknown))"
            }
        default:
            return []
        }
    }

    // MARK: - Postfix parameters

    /// Parameter names against `postconf -d`, and the size limits that must stay above message_size_limit.
    private func postconfProblems(_ arguments: [String]) -> [String] {
        guard let defaults = postfixDefaults else { return [] }
        var found: [String] = []
        var assigned: [String: String] = [:]
        var skipNext = false
        for word in arguments {
            if skipNext {
                skipNext = false
                continue
            }
            if word.hasPrefix("-") {
                skipNext = ["-c", "-o", "-P", "-X", "-#"].contains(word)
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty else { continue }
            if defaults[name] == nil { found.append("Postfix has no parameter \(name) (postconf -d)") }
            if parts.count == 2 { assigned[name] = parts[1] }
        }
        if let message = assigned["message_size_limit"].flatMap({ Int($0) }) {
            for limit in ["mailbox_size_limit", "virtual_mailbox_limit"] {
                guard let value = (assigned[limit] ?? defaults[limit]).flatMap({ Int($0) }) else { continue }
                if value != 0 && value < message {
                    found.append(
                        "message_size_limit=\(message) is above \(limit)=\(value); local delivery then fails with"
                            + " 'mailbox_size_limit is smaller than message_size_limit'; raise \(limit) too")
                }
            }
        }
        return found
    }

    // MARK: - What differs between systems

    private func systemProblems(_ command: RuleCommand) -> [String] {
        let run = command.run
        var found: [String] = []
        if run.range(of: #"journalctl\b[^|;]*-u\s+postfix(\s|$|\.service)"#, options: .regularExpression) != nil
            || run.range(of: #"systemctl\s+status\s+postfix(\s|$|\.service)"#, options: .regularExpression) != nil
        {
            found.append(
                "on Debian and Ubuntu postfix.service is only /bin/true (the daemons run as postfix@-);"
                    + " use the unit pattern 'postfix*'")
        }
        if run.contains("/var/log/mail.log"), !run.contains("/var/log/maillog") || !command.label.contains("rsyslog") {
            found.append(
                "/var/log/mail.log exists only where rsyslog writes it (not on a fresh Debian 12, /var/log/maillog on"
                    + " RHEL); read the journal, or name both files and say they need rsyslog")
        }
        if run.contains("resolvectl"), !command.label.contains("systemd-resolved") {
            found.append("resolvectl comes with systemd-resolved, which is not always installed; say so")
        }
        if run.range(of: #"pip3?\s+install"#, options: .regularExpression) != nil,
            run.range(of: #"venv|virtualenv|\.venv"#, options: .regularExpression) == nil
        {
            found.append(
                "pip install into the system Python fails on Debian 12 (externally-managed-environment); use the application's virtual environment"
            )
        }
        for zone in Self.refusingBlocklists where run.contains(".\(zone)") && !command.label.contains("refused") {
            found.append(
                "an answer from \(zone) can be a refusal (127.255.255.x), not a listing; say how to tell them apart")
        }
        return found
    }
}
