/// A fix: what to do, the commands that help, and the steps that differ by provider.
public struct Remediation: Sendable, Hashable {
    /// The remediation id, such as `verify-credentials`.
    public var id: String
    /// A one-line title.
    public var title: String
    /// How much work it is, from 1 (minutes) to 5 (a project).
    public var effort: Int
    /// What to do, in order.
    public var steps: [String]
    /// Commands that check or fix the problem.
    public var commands: [RemediationCommand]
    /// Extra steps and commands for one provider, by provider id.
    public var providerSteps: [String: ProviderRemediation]
    /// The systems some of the general steps are written for, by step; a step not listed applies everywhere.
    public var scopes: [String: StepScope] = [:]
    /// Where it is written.
    public var location: SourceLocation
}

/// The part of a remediation that applies to one provider.
public struct ProviderRemediation: Sendable, Hashable {
    /// Steps for this provider, done before the general ones.
    public var steps: [String]
    /// Commands for this provider.
    public var commands: [RemediationCommand]
}

/// A command to run, with the shell it is written for.
public struct RemediationCommand: Sendable, Hashable {
    /// What the command does.
    public var label: String
    /// The shell: `sh`, `powershell`, `cmd`.
    public var shell: String
    /// The command line.
    public var run: String
}
