import Foundation
import Testing

/// Every command in the remediations runs as written: checked against bash, Postfix, the tools' own help and
/// Microsoft's PowerShell reference, with only reserved example names and addresses in it.
@Suite struct RemediationCommandTests {
    @Test func theKnowledgeBaseHasCommandsInBothShells() {
        #expect(RuleCommand.written(in: "sh").count >= 100)
        #expect(RuleCommand.written(in: "powershell").count >= 200)
        #expect(RuleCommand.all.allSatisfy { ["sh", "powershell"].contains($0.shell) })
    }

    @Test func everyShellCommandPassesItsChecks() throws {
        for command in RuleCommand.written(in: "sh") {
            let problems = try CommandChecks.problems(in: command)
            #expect(problems.isEmpty, "\(command): \(problems.joined(separator: "; "))\n  \(command.run)")
        }
    }

    @Test func everyPowerShellCommandPassesItsChecks() throws {
        for command in RuleCommand.written(in: "powershell") {
            let problems = try CommandChecks.problems(in: command)
            #expect(problems.isEmpty, "\(command): \(problems.joined(separator: "; "))\n  \(command.run)")
        }
    }

    @Test(arguments: KnownMistake.all)
    func eachKnownMistakeIsCaught(_ mistake: KnownMistake) throws {
        if mistake.command.shell == "sh", CommandChecks.shell.bash == nil || CommandChecks.shell.postfixDefaults == nil
        {
            return  // InstalledTool has reported the missing tool (a failure under CI=true).
        }
        let problems = try CommandChecks.problems(in: mistake.command)
        #expect(
            problems.contains { $0.localizedCaseInsensitiveContains(mistake.expected) },
            "expected a problem mentioning '\(mistake.expected)', got: \(problems)")
    }

    @Test func theReferenceNamesItsSourceAndDate() throws {
        let reference = try PowerShellReference.builtIn.get()
        #expect(reference.retrievedOn.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil)
        #expect(reference.parameterSets["set-sendconnector"]?.isEmpty == false)
        #expect(reference.retired["get-messagetrace"] == "Get-MessageTraceV2")
    }
}
