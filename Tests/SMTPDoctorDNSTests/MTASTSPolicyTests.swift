import Testing

@testable import SMTPDoctorDNS

/// The MTA-STS policy file: the lines RFC 8461 requires, and how mx patterns match MX hosts.
@Suite struct MTASTSPolicyTests {
    @Test func readsAValidPolicy() {
        let policy = MTASTSPolicy(
            parsing:
                "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n")
        #expect(policy.problems.isEmpty)
        #expect(policy.mode == .enforce)
        #expect(policy.maxAge == 604_800)
        #expect(policy.mxPatterns == ["mail.example.com", "*.example.net"])
    }

    @Test func wildcardStandsForExactlyOneLeftmostLabel() {
        let policy = MTASTSPolicy(parsing: "version: STSv1\nmode: testing\nmx: *.example.net\nmax_age: 86400\n")
        #expect(policy.allows("mx1.example.net"))
        #expect(policy.allows("MX1.Example.NET."))
        #expect(!policy.allows("a.b.example.net"))
        #expect(!policy.allows("example.net"))
        #expect(!policy.allows("mx1.example.net.evil.test"))
    }

    @Test func namesEveryMissingOrWrongLine() {
        let policy = MTASTSPolicy(parsing: "version: STSv2\nmode: strict\nmax_age: forever\n")
        #expect(policy.problems.count == 3, "\(policy.problems)")
        #expect(policy.problems.contains { $0.contains("version") })
        #expect(policy.problems.contains { $0.contains("mode 'strict'") })
        #expect(policy.problems.contains { $0.contains("max_age 'forever'") })
    }

    @Test func enforceWithoutMXLinesIsInvalidButModeNoneNeedsNone() {
        #expect(!MTASTSPolicy(parsing: "version: STSv1\nmode: enforce\nmax_age: 86400\n").problems.isEmpty)
        #expect(MTASTSPolicy(parsing: "version: STSv1\nmode: none\nmax_age: 86400\n").problems.isEmpty)
    }

    @Test func maxAgeAboveAYearIsRefused() {
        let policy = MTASTSPolicy(parsing: "version: STSv1\nmode: none\nmax_age: 31557601\n")
        #expect(policy.maxAge == nil)
        #expect(!policy.problems.isEmpty)
    }

    @Test func httpResponseBodyIsBoundedByContentLength() {
        let bytes = Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello world".utf8)
        #expect(HTTPResponseParser.parse(bytes, limit: 100) == .response(status: 200, body: "hello"))
        #expect(HTTPResponseParser.parse(Array("garbage".utf8), limit: 100) != .response(status: 200, body: ""))
        let large = Array(("HTTP/1.0 200 OK\r\n\r\n" + String(repeating: "x", count: 200)).utf8)
        guard case .failed = HTTPResponseParser.parse(large, limit: 100) else {
            Issue.record("a body over the limit was accepted")
            return
        }
    }
}
