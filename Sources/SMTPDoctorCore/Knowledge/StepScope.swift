/// The systems a remediation step is written for, as values of facts.
///
/// A step about Postfix's configuration, or about an application's settings form, helps only when mail is sent
/// through that system. The step says so in its remediation:
///
/// ```yaml
/// - step: "Postfix runs its SMTP client in a chroot: /var/spool/postfix/etc/resolv.conf must match."
///   applies-to: { sender.software: postfix }
/// ```
///
/// The step is shown while its system is known or still possible: it is left out only when one of the named facts
/// is known and holds none of the listed values.
public struct StepScope: Sendable, Hashable {
    /// The values each named fact may hold for the step to apply, lowercased, by fact name.
    public var values: [String: Set<String>]

    /// Creates a scope.
    /// - Parameter values: the allowed values by fact name; they are compared without regard to case.
    public init(values: [String: Set<String>]) {
        self.values = values.mapValues { Set($0.map { $0.lowercased() }) }
    }

    /// A scope whose values are lowercased already, as a knowledge-base image holds them.
    init(lowercasedValues values: [String: Set<String>]) {
        self.values = values
    }

    /// Whether the step applies, given the values each fact is known to hold (lowercased), `nil` for a fact not known.
    public func admits(_ known: (String) -> Set<String>?) -> Bool {
        values.allSatisfy { name, allowed in known(name).map { !$0.isDisjoint(with: allowed) } ?? true }
    }
}
