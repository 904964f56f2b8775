import Foundation

/// The DNS servers to ask and how patiently.
public struct ResolverConfiguration: Sendable, Hashable {
    /// The servers, asked in order.
    public var servers: [DNSServerAddress]
    /// How long to wait for one answer.
    public var attemptTimeout: Duration
    /// How many times each server is asked before the next one.
    public var attempts: Int
    /// How long all the lookups of one check may take together.
    public var overallDeadline: Duration
    /// How many CNAME records are followed for one name.
    public var maximumCNAMEs: Int

    /// Creates a configuration.
    public init(
        servers: [DNSServerAddress], attemptTimeout: Duration = .seconds(3), attempts: Int = 2,
        overallDeadline: Duration = .seconds(60), maximumCNAMEs: Int = 8
    ) {
        self.servers = servers
        self.attemptTimeout = attemptTimeout
        self.attempts = attempts
        self.overallDeadline = overallDeadline
        self.maximumCNAMEs = maximumCNAMEs
    }

    /// The servers, timeout and attempts of a resolv.conf text (`nameserver`, `options timeout:N attempts:N`).
    ///
    /// ```
    /// nameserver 192.0.2.53
    /// options timeout:2 attempts:3
    /// ```
    public static func parsing(resolvConf text: String) -> ResolverConfiguration {
        var configuration = ResolverConfiguration(servers: [])
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first, !keyword.hasPrefix("#"), !keyword.hasPrefix(";") else { continue }
            switch keyword {
            case "nameserver" where words.count > 1:
                // A scoped IPv6 address (fe80::1%eth0) keeps only the address part.
                let host = String(words[1].split(separator: "%").first ?? words[1])
                if IPAddress(host) != nil { configuration.servers.append(DNSServerAddress(host: host)) }
            case "options":
                for option in words.dropFirst() {
                    let parts = option.split(separator: ":")
                    guard parts.count == 2, let value = Int(parts[1]), value > 0 else { continue }
                    if parts[0] == "timeout" { configuration.attemptTimeout = .seconds(min(value, 30)) }
                    if parts[0] == "attempts" { configuration.attempts = min(value, 5) }
                }
            default: continue
            }
        }
        return configuration
    }

    /// The system's configuration from /etc/resolv.conf.
    ///
    /// - Throws: `DNSConfigurationError` when the file cannot be read or names no server.
    public static func system(path: String = "/etc/resolv.conf") throws(DNSConfigurationError) -> ResolverConfiguration
    {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .init("\(path) cannot be read; give a DNS server with --dns-server HOST[:PORT]")
        }
        let configuration = parsing(resolvConf: text)
        guard !configuration.servers.isEmpty else {
            throw .init("\(path) names no nameserver; give a DNS server with --dns-server HOST[:PORT]")
        }
        return configuration
    }
}
