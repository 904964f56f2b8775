import Crypto
import SMTPTestServer
import SwiftASN1
import Testing
import X509

@testable import SMTPDoctorDNS

/// TLSA records against a certificate made at test time: each selector and matching type, and the usages that
/// name the leaf or any certificate of the chain.
@Suite struct TLSAMatcherTests {
    private static func chain() throws -> (leaf: [UInt8], authority: [UInt8], spki: [UInt8]) {
        let authority = try TestCertificates.authority()
        let identity = try TestCertificates.server(names: ["mx.example.test"], signedBy: authority)
        let leaf = try Certificate(pemEncoded: identity.certificateChainPEM[0])
        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        var keySerializer = DER.Serializer()
        try keySerializer.serialize(leaf.publicKey)
        var authoritySerializer = DER.Serializer()
        try authoritySerializer.serialize(authority.certificate)
        return (serializer.serializedBytes, authoritySerializer.serializedBytes, keySerializer.serializedBytes)
    }

    @Test func daneEEMatchesTheLeafKeyBySHA256() throws {
        let (leaf, authority, spki) = try Self.chain()
        let data = Array(SHA256.hash(data: spki))
        #expect(
            TLSAMatcher.verdict(usage: 3, selector: 1, matchingType: 1, data: data, chain: [leaf, authority])
                == .matches)
        var other = data
        other[0] ^= 0xFF
        #expect(
            TLSAMatcher.verdict(usage: 3, selector: 1, matchingType: 1, data: other, chain: [leaf, authority])
                == .doesNotMatch)
    }

    @Test func fullCertificateExactlyAndBySHA512() throws {
        let (leaf, _, _) = try Self.chain()
        #expect(TLSAMatcher.verdict(usage: 3, selector: 0, matchingType: 0, data: leaf, chain: [leaf]) == .matches)
        let digest = Array(SHA512.hash(data: leaf))
        #expect(TLSAMatcher.verdict(usage: 1, selector: 0, matchingType: 2, data: digest, chain: [leaf]) == .matches)
    }

    @Test func trustAnchorUsagesLookAtTheWholeChainButEEUsagesOnlyAtTheLeaf() throws {
        let (leaf, authority, _) = try Self.chain()
        let anchor = Array(SHA256.hash(data: authority))
        #expect(
            TLSAMatcher.verdict(usage: 2, selector: 0, matchingType: 1, data: anchor, chain: [leaf, authority])
                == .matches)
        #expect(
            TLSAMatcher.verdict(usage: 3, selector: 0, matchingType: 1, data: anchor, chain: [leaf, authority])
                == .doesNotMatch)
    }

    @Test func undefinedParametersAreUnusable() throws {
        let (leaf, _, _) = try Self.chain()
        guard case .unusable = TLSAMatcher.verdict(usage: 4, selector: 0, matchingType: 0, data: [], chain: [leaf])
        else {
            Issue.record("usage 4 was used")
            return
        }
        guard case .unusable = TLSAMatcher.verdict(usage: 3, selector: 1, matchingType: 9, data: [], chain: [leaf])
        else {
            Issue.record("matching type 9 was used")
            return
        }
    }
}
