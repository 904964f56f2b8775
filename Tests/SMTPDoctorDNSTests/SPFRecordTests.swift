import Testing

@testable import SMTPDoctorDNS

/// SPF record syntax (RFC 7208 section 12 grammar) on texts.
@Suite struct SPFRecordTests {
    @Test func everyMechanismAndModifierParses() throws {
        let record = try SPFRecord(
            parsing:
                "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a a:mail.example.com/28//64 mx mx/30 ptr exists:%{i}.bl.example.com include:_spf.example.net ~all redirect=example.org exp=exp.example.com x-custom=1"
        )
        #expect(record.directives.count == 10)
        #expect(record.directives.last?.qualifier == .softfail)
        #expect(record.redirect == "example.org")
        #expect(record.directives.filter(\.mechanism.countsAsLookup).count == 7)
    }

    @Test(arguments: [
        "v=spf1 ip4:192.0.2.300 -all", "v=spf1 foo:bar -all", "v=spf1 include -all", "v=spf1 ip4:192.0.2.0/33",
        "v=spf1 a:example.com/40", "v=spf1 redirect=a.example redirect=b.example", "v=spf1 include:%{z}.example",
        "v=spf1 all:example.com", "v=spf1 include:nodots",
    ])
    func invalidTermsAreRefused(_ text: String) {
        #expect(throws: SPFSyntaxError.self) { try SPFRecord(parsing: text) }
    }

    @Test func onlyVersionOneRecordsCount() {
        #expect(SPFRecord.isSPF("v=spf1 -all"))
        #expect(SPFRecord.isSPF("V=SPF1"))
        #expect(!SPFRecord.isSPF("v=spf10 -all"))
        #expect(!SPFRecord.isSPF("spf2.0/pra -all"))
    }

    @Test func macrosExpandWithTransformers() throws {
        let context = SPFMacroContext(
            ip: try #require(IPAddress("192.0.2.3")), domain: "example.com", senderDomain: "example.com")
        #expect(context.expand("%{ir}.%{v}._spf.%{d2}") == "3.2.0.192.in-addr._spf.example.com")
    }

    @Test func addressesMatchTheirNetworks() throws {
        let address = try #require(IPAddress("192.0.2.77"))
        #expect(address.isIn(try #require(IPAddress("192.0.2.0")), prefix: 24))
        #expect(!address.isIn(try #require(IPAddress("192.0.3.0")), prefix: 24))
        #expect(address.reverseName == "77.2.0.192.in-addr.arpa")
        #expect(try #require(IPAddress("2001:db8::1")).reverseName.hasPrefix("1.0.0.0.0.0.0.0"))
    }
}
