import ArgumentParser
import Foundation
import SMTPDoctorCore
import SMTPDoctorDNS

/// `--ip`, `--selector`, `--dnsbl`, `--dns-server` and `--mta-sts-ca`: how a domain's DNS is checked.
struct DomainCheckArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The sending server's IP address: SPF result, reverse DNS, blocklists.", valueName: "address"))
    var ip: String?

    @Option(name: .customLong("selector"), help: ArgumentHelp("A DKIM selector to check (repeatable).", valueName: "s"))
    var selectors: [String] = []

    @Option(
        name: .customLong("dnsbl"),
        help: ArgumentHelp(
            "A DNS blocklist zone to ask about --ip (repeatable; default: three public lists).", valueName: "zone"))
    var blocklists: [String] = []

    @Option(
        name: .customLong("dns-server"),
        help: ArgumentHelp(
            "The DNS server to ask instead of those in /etc/resolv.conf (default: the configuration file's dns-server).",
            valueName: "host[:port]"))
    var dnsServer: String?

    @Option(
        name: .customLong("mta-sts-ca"),
        help: ArgumentHelp(
            "A PEM file of CA certificates trusted, besides the system's, for MTA-STS policy servers (a private or test CA).",
            valueName: "file"),
        completion: .file(extensions: ["pem", "crt"]))
    var mtaSTSCA: String?

    /// The server given, or the configuration file's.
    private var effectiveDNSServer: String? { dnsServer ?? ConfigDefaults.shared.current.dnsServer }

    func validate() throws {
        if let ip, IPAddress(ip) == nil { throw ValidationError("--ip takes an IPv4 or IPv6 address, not '\(ip)'.") }
        if let dnsServer {
            do { _ = try DNSServerAddress(parsing: dnsServer) } catch { throw ValidationError("--dns-server \(error)") }
        }
        if let mtaSTSCA, !FileManager.default.isReadableFile(atPath: mtaSTSCA) {
            throw ValidationError("--mta-sts-ca: cannot read '\(mtaSTSCA)'; give a readable PEM file.")
        }
    }

    /// Runs the checks of `domain`; the DKIM selectors tried by default come from the knowledge base's providers.
    ///
    /// - Throws: `CommandFailure` when the domain is not a valid name, no DNS server is known or the CA file is
    ///   unreadable.
    func check(_ domain: String, knowledgeBase: KnowledgeBase) async throws -> DomainCheckReport {
        let name: DNSName
        do {
            name = try DNSName(domain)
        } catch {
            throw CommandFailure("\(error)", status: .usage)
        }
        let configuration: ResolverConfiguration
        do {
            if let server = effectiveDNSServer {
                configuration = ResolverConfiguration(servers: [try DNSServerAddress(parsing: server)])
            } else {
                configuration = try ResolverConfiguration.system()
            }
        } catch {
            throw CommandFailure("\(error)", status: .usage)
        }
        var trustedPEM: String?
        if let mtaSTSCA {
            guard let data = FileManager.default.contents(atPath: mtaSTSCA) else {
                throw CommandFailure("cannot read the --mta-sts-ca file \(mtaSTSCA)", status: .unreadableInput)
            }
            trustedPEM = String(decoding: data, as: UTF8.self)
        }
        let options = DomainCheckOptions(
            ip: ip.flatMap(IPAddress.init), selectors: selectors,
            commonSelectors: DomainCheckOptions.commonSelectors(in: knowledgeBase),
            blocklists: blocklists.isEmpty ? DomainCheckOptions.defaultBlocklists : blocklists,
            policyFetch: PolicyFetchConfiguration(additionalTrustRootsPEM: trustedPEM))
        return await DomainChecker(
            resolver: DNSResolver(configuration: configuration), options: options, knowledgeBase: knowledgeBase
        ).check(name)
    }
}
