import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate and its private key, PEM-encoded, as a TLS server needs them.
public struct ServerIdentity: Sendable, Hashable {
    /// Leaf first, then any intermediates.
    public var certificateChainPEM: [String]
    public var privateKeyPEM: String

    public init(certificateChainPEM: [String], privateKeyPEM: String) {
        self.certificateChainPEM = certificateChainPEM
        self.privateKeyPEM = privateKeyPEM
    }
}

/// A certificate authority made for one test run.
public struct TestCertificateAuthority: Sendable {
    public let certificate: Certificate
    let key: P256.Signing.PrivateKey

    /// The CA certificate in PEM, to give a client as its trust root.
    public var certificatePEM: String {
        (try? certificate.serializeAsPEM().pemString) ?? ""
    }
}

/// Certificates generated at test time: a CA, leaves it signs, self-signed, expired and wrong-name ones.
///
/// Why generated: committed certificates expire and tests that depended on them break a year later; these are
/// made with swift-certificates and swift-crypto for every run.
public enum TestCertificates {
    /// A new certificate authority.
    public static func authority(name: String = "smtp-doctor Test CA") throws -> TestCertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            CommonName(name)
            OrganizationName("smtp-doctor tests")
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400 * 365), notValidAfter: now.addingTimeInterval(86_400 * 365),
            issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return TestCertificateAuthority(certificate: certificate, key: key)
    }

    /// A server certificate.
    /// - Parameters:
    ///   - names: DNS names for the subject alternative names (the first is also the common name).
    ///   - addresses: IPv4 addresses for the subject alternative names, such as `127.0.0.1`.
    ///   - authority: the CA that signs it; nil makes it self-signed.
    ///   - validFrom: the start of validity, relative to now.
    ///   - validFor: how long it is valid from `validFrom`.
    public static func server(
        names: [String] = ["localhost"], addresses: [String] = ["127.0.0.1"],
        signedBy authority: TestCertificateAuthority?,
        validFrom: TimeInterval = -3_600, validFor: TimeInterval = 86_400 * 30
    ) throws -> ServerIdentity {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            CommonName(names.first ?? "localhost")
            OrganizationName("smtp-doctor tests")
        }
        var alternativeNames: [GeneralName] = names.map { .dnsName($0) }
        for address in addresses {
            let bytes = address.split(separator: ".").compactMap { UInt8($0) }
            if bytes.count == 4 {
                alternativeNames.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes))))
            }
        }
        let start = Date().addingTimeInterval(validFrom)
        let issuerKey = authority.map { Certificate.PrivateKey($0.key) } ?? Certificate.PrivateKey(key)
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: start, notValidAfter: start.addingTimeInterval(validFor),
            issuer: authority?.certificate.subject ?? subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(alternativeNames)
            },
            issuerPrivateKey: issuerKey)
        return ServerIdentity(
            certificateChainPEM: [try certificate.serializeAsPEM().pemString], privateKeyPEM: key.pemRepresentation)
    }
}
