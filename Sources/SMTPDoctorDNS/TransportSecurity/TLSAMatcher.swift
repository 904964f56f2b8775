import Crypto
import SwiftASN1
import X509

/// Whether a TLSA record (RFC 6698, RFC 7671) matches the certificate chain an MX presented.
public enum TLSAMatcher {
    /// How one TLSA record stands against a chain.
    public enum Verdict: Sendable, Hashable {
        /// The record's data equals the selected part of a certificate it may name.
        case matches
        /// No certificate it may name gives the record's data.
        case doesNotMatch
        /// The record uses a usage, selector or matching type that is not defined.
        case unusable(String)
    }

    /// Compares one TLSA record with a chain (leaf first, DER bytes).
    ///
    /// Usages 1 (PKIX-EE) and 3 (DANE-EE) name the leaf; 0 (PKIX-TA) and 2 (DANE-TA) name any certificate of the
    /// chain. Selector 0 takes the whole certificate, 1 its SubjectPublicKeyInfo; matching type 0 compares exactly,
    /// 1 by SHA-256, 2 by SHA-512.
    public static func verdict(
        usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8], chain: [[UInt8]]
    ) -> Verdict {
        guard usage <= 3 else { return .unusable("certificate usage \(usage) is not defined") }
        guard selector <= 1 else { return .unusable("selector \(selector) is not defined") }
        guard matchingType <= 2 else { return .unusable("matching type \(matchingType) is not defined") }
        let candidates = usage == 1 || usage == 3 ? Array(chain.prefix(1)) : chain
        for der in candidates {
            guard let selected = selected(der, selector: selector) else { continue }
            if digest(selected, matchingType: matchingType) == data { return .matches }
        }
        return .doesNotMatch
    }

    /// The part of a certificate a selector names.
    static func selected(_ der: [UInt8], selector: UInt8) -> [UInt8]? {
        guard selector == 1 else { return der }
        guard let certificate = try? Certificate(derEncoded: der) else { return nil }
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(certificate.publicKey)) != nil else { return nil }
        return serializer.serializedBytes
    }

    /// The bytes compared for a matching type.
    static func digest(_ bytes: [UInt8], matchingType: UInt8) -> [UInt8] {
        switch matchingType {
        case 1: return Array(SHA256.hash(data: bytes))
        case 2: return Array(SHA512.hash(data: bytes))
        default: return bytes
        }
    }
}
