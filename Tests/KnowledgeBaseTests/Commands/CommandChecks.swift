import Foundation

/// The checks of every shell, set up once: the installed tools and their help texts, and the reference files.
enum CommandChecks {
    static let shell: ShellCommandCheck = {
        let bash = InstalledTool.require("bash", package: "bash", for: "the syntax of sh commands")
        let postconf = InstalledTool.require("postconf", package: "postfix", for: "Postfix parameter names")
        var defaults: [String: String]?
        if let postconf, let result = try? postconf.run(["-d"]), result.status == 0 {
            defaults = [:]
            for line in result.output.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if parts.count == 2 { defaults?[parts[0]] = parts[1] }
            }
        }
        var help: [String: String] = [:]
        func read(_ key: String, _ tool: InstalledTool?, _ arguments: [String]) {
            if let tool, let result = try? tool.run(arguments) { help[key] = result.output }
        }
        let swaks = InstalledTool.require("swaks", package: "swaks", for: "swaks options")
        read("swaks", swaks, ["--help"])
        let openssl = InstalledTool.require("openssl", package: "openssl", for: "openssl options")
        for subcommand in ["s_client", "x509", "pkey"] {
            read("openssl \(subcommand)", openssl, [subcommand, "-help"])
        }
        read("dig", InstalledTool.require("dig", package: "dnsutils", for: "dig options"), ["-h"])
        read("nc", InstalledTool.require("nc", package: "netcat-openbsd", for: "nc options"), ["-h"])
        return ShellCommandCheck(bash: bash, postfixDefaults: defaults, helpTexts: help)
    }()

    static let powerShell: Result<PowerShellCommandCheck, ReferenceUnreadable> = PowerShellReference.builtIn.map {
        PowerShellCommandCheck(reference: $0)
    }

    /// Every problem of a command: its shell's checks and the host names and addresses in it.
    static func problems(in command: RuleCommand) throws -> [String] {
        var found = try CommandHosts.builtIn.get().problems(in: command.run)
        switch command.shell {
        case "sh": found += try shell.problems(in: command)
        case "powershell": found += try powerShell.get().problems(in: command)
        default: found.append("unknown shell '\(command.shell)'")
        }
        return found
    }
}
