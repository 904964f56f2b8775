import SMTPDoctorCore
import SMTPDoctorDNS

/// The DNS checks the terminal interview runs when the person types the sending domain where a question allows it
/// (`lookup: domain-dns` in `questions.yaml`): those of `check-domain`, with the interview's DNS options.
struct LiveDomainLookup {
    /// `--dns-server`, `--ip`, `--selector`, `--dnsbl` and `--mta-sts-ca` as given to `interview`.
    let arguments: DomainCheckArguments
    /// The knowledge base whose rules word the findings.
    let knowledgeBase: KnowledgeBase

    /// The domain a typed answer names — the text itself, or what follows the `@` of an address — when it is a
    /// dotted name with a letter; nil for anything else (an answer's label, a sentence, a bare word).
    static func domain(in typed: String) -> String? {
        var text = typed.trimmingCharacters(in: .whitespaces).lowercased()
        if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
        if text.hasSuffix(".") { text.removeLast() }
        guard let name = HostPort(parsing: text), name.port == nil, name.namesAServer,
            name.host.contains(where: \.isLetter)
        else { return nil }
        return name.host
    }

    /// Runs the checks of a domain.
    /// - Returns: the report, or why the checks could not run (no DNS server known, a name DNS cannot hold).
    func check(_ domain: String) async -> Result<DomainCheckReport, CommandFailure> {
        do {
            return .success(try await arguments.check(domain, knowledgeBase: knowledgeBase))
        } catch let failure as CommandFailure {
            return .failure(failure)
        } catch {
            return .failure(CommandFailure("\(error)", status: .failure))
        }
    }
}
