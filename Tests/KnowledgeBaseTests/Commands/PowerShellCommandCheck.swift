import Foundation

/// What is wrong with a PowerShell command of the rules, beyond the placeholders: cmdlets and parameters against
/// Microsoft's reference, and the mistakes that a reference alone does not see.
struct PowerShellCommandCheck: Sendable {
    var reference: PowerShellReference

    /// Programs that Windows finds on PATH; anything else named `x.exe` must be called with its folder (`.\x.exe`).
    static let programsOnPath: Set<String> = [
        "reg.exe", "ipconfig.exe", "nslookup.exe", "certutil.exe", "netsh.exe", "tracert.exe", "ping.exe",
        "sc.exe", "w32tm.exe", "setspn.exe", "whoami.exe", "iisreset.exe",
    ]
    /// PowerShell's own words that begin a statement without calling a command.
    static let keywords: Set<String> = [
        "foreach", "for", "if", "else", "elseif", "while", "do", "switch", "try", "catch",
    ]
    /// Variables PowerShell sets by itself.
    static let automaticVariables: Set<String> = [
        "_", "psitem", "true", "false", "null", "pwd", "home", "host", "args", "input", "lastexitcode", "error",
        "pscmdlet", "psversiontable", "matches",
    ]

    func problems(in command: RuleCommand) -> [String] {
        let calls = PowerShellInvocation.all(in: command.run)
        var found: [String] = []
        for call in calls where call.isCmdlet {
            if let problem = reference.problem(with: call) { found.append(problem) }
            if let problem = availabilityProblem(call, command) { found.append(problem) }
        }
        found += resultSizeProblems(calls, command)
        found += smartHostProblems(calls)
        found += programProblems(calls)
        found += pingPropertyProblems(command)
        found += unassignedVariables(command.run).map {
            "$\($0) is used but not set in this command; set it here or run the command it comes from first"
        }
        return found
    }

    /// Exchange Online and Exchange Server have different cmdlets: each belongs in its own provider's variant, and a
    /// general command that needs Exchange Online PowerShell says so.
    private func availabilityProblem(_ call: PowerShellInvocation, _ command: RuleCommand) -> String? {
        switch (reference.availability[call.name.lowercased()], command.providerID) {
        case ("cloud", "exchange-server"):
            return "\(call.name) exists only in Exchange Online; move it to the microsoft-365 variant"
        case ("on-premises", "microsoft-365"):
            return "\(call.name) exists only in Exchange Server; move it to the exchange-server variant"
        case ("cloud", nil) where !command.label.contains("Exchange Online"):
            return "\(call.name) runs only in Exchange Online PowerShell; say so in the label"
        default:
            return nil
        }
    }

    /// Message tracking returns 1000 entries and message trace 1000 rows unless told otherwise.
    private func resultSizeProblems(_ calls: [PowerShellInvocation], _ command: RuleCommand) -> [String] {
        var found: [String] = []
        let counted = command.run.range(
            of: #"Measure-Object|Group-Object|\.Count\b|Export-Csv"#, options: .regularExpression)
        for call in calls {
            let parameters = Set(call.parameters.map { $0.lowercased() })
            switch call.name.lowercased() {
            case "get-messagetrackinglog" where !parameters.contains("resultsize"):
                found.append("Get-MessageTrackingLog without -ResultSize Unlimited stops at 1000 entries")
            case "get-messagetracev2" where counted != nil && !parameters.contains("resultsize"):
                found.append("Get-MessageTraceV2 is counted or exported without -ResultSize; it stops at 1000 rows")
            default: break
            }
        }
        return found
    }

    /// A send connector with smart hosts needs DNS routing off on the same command, and a server connector cannot
    /// use the client-submission endpoint.
    private func smartHostProblems(_ calls: [PowerShellInvocation]) -> [String] {
        var found: [String] = []
        for call in calls where ["set-sendconnector", "new-sendconnector"].contains(call.name.lowercased()) {
            guard let index = call.arguments.firstIndex(where: { $0.lowercased() == "-smarthosts" }) else { continue }
            let parameters = call.arguments.map { $0.lowercased() }
            guard let routing = parameters.firstIndex(of: "-dnsroutingenabled"),
                parameters.indices.contains(routing + 1), parameters[routing + 1] == "$false"
            else {
                found.append("\(call.name) -SmartHosts needs -DNSRoutingEnabled $false on the same command")
                continue
            }
            if call.arguments.indices.contains(index + 1),
                call.arguments[index + 1].localizedCaseInsensitiveContains("smtp.office365.com")
            {
                found.append(
                    "smtp.office365.com is client submission (AUTH required); a connector's smart host is the tenant's"
                        + " <domain-key>.mail.protection.outlook.com")
            }
        }
        return found
    }

    /// `Setup.exe` is not found in the current folder without `.\`, and `msiexec` returns before it has installed.
    private func programProblems(_ calls: [PowerShellInvocation]) -> [String] {
        var found: [String] = []
        for call in calls where !call.isCmdlet && !Self.keywords.contains(call.name.lowercased()) {
            let name = call.name.lowercased()
            if name == "msiexec" || name == "msiexec.exe" {
                found.append("msiexec returns at once; run it with Start-Process msiexec.exe -ArgumentList … -Wait")
            } else if name.hasSuffix(".exe"), !name.contains("\\"), !name.contains("/"),
                !Self.programsOnPath.contains(name)
            {
                found.append("PowerShell does not run \(call.name) from the current folder; write .\\\(call.name)")
            }
        }
        return found
    }

    /// Test-Connection's round-trip time is ResponseTime in Windows PowerShell 5.1 and Latency in PowerShell 7.
    private func pingPropertyProblems(_ command: RuleCommand) -> [String] {
        guard command.run.localizedCaseInsensitiveContains("Test-Connection") else { return [] }
        var found: [String] = []
        if command.run.contains("Latency"), !command.label.contains("PowerShell 7") {
            found.append("Latency exists only in PowerShell 7; say so in the label and give the 5.1 variant")
        }
        if command.run.contains("ResponseTime"), !command.label.contains("5.1") {
            found.append("ResponseTime exists only in Windows PowerShell 5.1; say so in the label")
        }
        return found
    }

    /// Variables read in a command that no assignment or foreach in the same command sets.
    func unassignedVariables(_ run: String) -> [String] {
        let names = run.matches(of: /\$([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_:])/).map { String($0.1).lowercased() }
        let assigned = Set(
            run.matches(of: /\$([A-Za-z_][A-Za-z0-9_]*)\s*(?:=[^=]|\+=|\s+in\s)/).map { String($0.1).lowercased() })
        var seen: Set<String> = []
        return names.filter { name in
            !assigned.contains(name) && !Self.automaticVariables.contains(name) && seen.insert(name).inserted
        }
    }
}
