import ArgumentParser
import SMTPDoctorDNS

/// `--ip`, `--selector`, `--dnsbl` and `--dns-server`: how a domain's DNS is checked.
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
        help: ArgumentHelp("The DNS server to ask instead of those in /etc/resolv.conf.", valueName: "host[:port]"))
    var dnsServer: String?

    func validate() throws {
        if let ip, IPAddress(ip) == nil { throw ValidationError("--ip takes an IPv4 or IPv6 address, not '\(ip)'.") }
        if let dnsServer {
            do { _ = try DNSServerAddress(parsing: dnsServer) } catch { throw ValidationError("--dns-server \(error)") }
        }
    }

    /// Runs the checks of `domain`.
    ///
    /// - Throws: `CommandFailure` when the domain is not a valid name or no DNS server is known.
    func check(_ domain: String) async throws -> DomainCheckReport {
        let name: DNSName
        do {
            name = try DNSName(domain)
        } catch {
            throw CommandFailure("\(error)", status: .usage)
        }
        let configuration: ResolverConfiguration
        do {
            if let dnsServer {
                configuration = ResolverConfiguration(servers: [try DNSServerAddress(parsing: dnsServer)])
            } else {
                configuration = try ResolverConfiguration.system()
            }
        } catch {
            throw CommandFailure("\(error)", status: .usage)
        }
        let options = DomainCheckOptions(
            ip: ip.flatMap(IPAddress.init), selectors: selectors,
            blocklists: blocklists.isEmpty ? DomainCheckOptions.defaultBlocklists : blocklists)
        return await DomainChecker(resolver: DNSResolver(configuration: configuration), options: options).check(name)
    }
}
