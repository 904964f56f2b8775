import Foundation
import SMTPDoctorDNS
import Testing

/// The NSD server of scripts/dns-server/start.sh, serving the zones under scripts/dns-server/zones.
enum TestDNSServer {
    /// Its address: 127.0.0.1 and DNS_TEST_PORT (default 5353).
    static let address = DNSServerAddress(
        host: "127.0.0.1", port: ProcessInfo.processInfo.environment["DNS_TEST_PORT"].flatMap(Int.init) ?? 5353)

    /// Whether the tests run under CI, where a missing server is a failure.
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether the server answers for the test zone; asked once for all tests, with the same generous timeouts as
    /// the scenarios, since a loaded machine can hold the first answer back for seconds.
    static func isRunning() async -> Bool { await probe.value }

    /// Whether the server answers; when it does not, a failure under CI and a loud notice elsewhere.
    static func isAvailable() async -> Bool {
        guard await isRunning() else {
            if isCI {
                Issue.record("\(unavailableMessage)")
            } else {
                print(unavailableMessage)
            }
            return false
        }
        return true
    }

    private static let probe = Task {
        guard let name = try? DNSName("dnscheck.test") else { return false }
        return !(await DNSResolver(configuration: configuration).lookup(name, .soa).records.isEmpty)
    }

    /// Generous timeouts: the machine may be loaded, and no test here is about a timeout.
    static let configuration = ResolverConfiguration(
        servers: [address], attemptTimeout: .seconds(5), attempts: 3, overallDeadline: .seconds(120))

    static let unavailableMessage =
        "⚠️  The test DNS server is not running on \(address): start it with scripts/dns-server/start.sh (apt-get install nsd)."
}
