import SMTPTestServer
import Synchronization
import Testing

@testable import SMTPDoctorDNS

/// A transport twin that answers from a script: what each (protocol, query) gets.
private final class ScriptedTransport: DNSTransport {
    let reply: @Sendable (_ query: [UInt8], _ overTCP: Bool) throws -> [UInt8]
    let exchanges = Mutex<[Bool]>([])

    init(reply: @escaping @Sendable (_ query: [UInt8], _ overTCP: Bool) throws -> [UInt8]) {
        self.reply = reply
    }

    func exchange(_ query: [UInt8], with server: DNSServerAddress, overTCP: Bool, timeout: Duration) async throws
        -> [UInt8]
    {
        exchanges.withLock { $0.append(overTCP) }
        return try reply(query, overTCP)
    }
}

/// The resolver's retries, TCP fallback, CNAME handling and failures, over a scripted transport.
@Suite struct DNSResolverTests {
    private let server = DNSServerAddress(host: "192.0.2.53")

    /// A response to `query` with flags and answer records appended (each already encoded).
    private static func response(to query: [UInt8], flags: UInt16 = 0x8180, answers: [[UInt8]] = []) -> [UInt8] {
        // Keep id and question; drop the OPT record (the last 11 bytes).
        var bytes = Array(query[0..<12]) + Array(query[12..<(query.count - 11)])
        bytes[2] = UInt8(flags >> 8)
        bytes[3] = UInt8(flags & 0xFF)
        bytes[6] = 0
        bytes[7] = UInt8(answers.count)
        bytes[10] = 0
        bytes[11] = 0
        return bytes + answers.joined()
    }

    /// A TXT record for the question's name (a pointer to offset 12).
    private static func txt(_ text: String) -> [UInt8] {
        let data = [UInt8(text.utf8.count)] + Array(text.utf8)
        return [0xC0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, UInt8(data.count)] + data
    }

    private func configuration() -> ResolverConfiguration {
        ResolverConfiguration(servers: [server], attemptTimeout: .seconds(5), attempts: 2)
    }

    @Test func truncatedUDPAnswerIsAskedAgainOverTCP() async throws {
        let transport = ScriptedTransport { query, overTCP in
            overTCP
                ? Self.response(to: query, answers: [Self.txt("v=spf1 -all")])
                : Self.response(to: query, flags: 0x8380)
        }
        let lookup = await DNSResolver(configuration: configuration(), transport: transport)
            .lookup(try DNSName("example.com"), .txt)
        #expect(lookup.texts == ["v=spf1 -all"])
        #expect(transport.exchanges.withLock { $0 } == [false, true])
    }

    @Test func timeoutsAreRetriedThenReported() async throws {
        let transport = ScriptedTransport { _, _ in throw DNSTransportError.timeout }
        let lookup = await DNSResolver(configuration: configuration(), transport: transport)
            .lookup(try DNSName("example.com"), .a)
        #expect(lookup.failure?.contains("did not answer") == true)
        #expect(transport.exchanges.withLock { $0.count } == 2)
    }

    @Test func theOverallDeadlinePassesOnTheInjectedClock() async throws {
        let clock = ManualClock()
        // Every attempt takes its whole timeout, on the clock the resolver reads.
        let transport = ScriptedTransport { _, _ in
            clock.advance(by: .seconds(5))
            throw DNSTransportError.timeout
        }
        let configuration = ResolverConfiguration(
            servers: [server], attemptTimeout: .seconds(5), attempts: 5, overallDeadline: .seconds(12))
        let resolver = DNSResolver(configuration: configuration, transport: transport, clock: clock)
        let lookup = await resolver.lookup(try DNSName("example.com"), .a)
        #expect(lookup.failure?.contains("overall deadline") == true, "\(lookup)")
        #expect(transport.exchanges.withLock { $0.count } == 3, "attempts at 0 s, 5 s and 10 s; none at 15 s")
        #expect(await resolver.timeLeft == .zero)
    }

    @Test func serverFailureIsAFailureAndNameErrorIsVoid() async throws {
        let failing = ScriptedTransport { query, _ in Self.response(to: query, flags: 0x8182) }
        let failed = await DNSResolver(configuration: configuration(), transport: failing)
            .lookup(try DNSName("example.com"), .mx)
        #expect(failed.failure?.contains("SERVFAIL") == true)
        let missing = ScriptedTransport { query, _ in Self.response(to: query, flags: 0x8183) }
        let absent = await DNSResolver(configuration: configuration(), transport: missing)
            .lookup(try DNSName("example.com"), .mx)
        #expect(absent.outcome == .nameError)
        #expect(absent.isVoid)
    }

    @Test func replyWithAnotherIdIsRejected() async throws {
        let transport = ScriptedTransport { query, _ in
            var reply = Self.response(to: query, answers: [Self.txt("x")])
            reply[0] ^= 0xFF
            return reply
        }
        let lookup = await DNSResolver(configuration: configuration(), transport: transport)
            .lookup(try DNSName("example.com"), .txt)
        #expect(lookup.failure != nil)
    }

    @Test func garbageRepliesBecomeFailuresNotCrashes() async throws {
        let transport = ScriptedTransport { _, _ in [UInt8](repeating: 0xC0, count: 300) }
        let lookup = await DNSResolver(configuration: configuration(), transport: transport)
            .lookup(try DNSName("example.com"), .txt)
        #expect(lookup.failure != nil)
    }

    @Test func systemConfigurationIsReadFromResolvConf() {
        let configuration = ResolverConfiguration.parsing(
            resolvConf:
                "# comment\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\nnameserver not-an-ip\noptions timeout:2 attempts:4\n"
        )
        #expect(configuration.servers.map(\.host) == ["192.0.2.53", "fe80::1"])
        #expect(configuration.attemptTimeout == .seconds(2))
        #expect(configuration.attempts == 4)
    }

    @Test func dnsServerOptionParses() throws {
        #expect(try DNSServerAddress(parsing: "127.0.0.1:5353") == DNSServerAddress(host: "127.0.0.1", port: 5353))
        #expect(try DNSServerAddress(parsing: "[::1]:53") == DNSServerAddress(host: "::1", port: 53))
        #expect(throws: DNSConfigurationError.self) { try DNSServerAddress(parsing: "dns.example:53") }
        #expect(throws: DNSConfigurationError.self) { try DNSServerAddress(parsing: "127.0.0.1:0") }
    }
}
