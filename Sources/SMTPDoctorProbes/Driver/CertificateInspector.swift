import Foundation
import NIOSSL
import SwiftASN1
import X509

/// What a certificate of the server's chain says, for the transcript and the facts.
public struct CertificateSummary: Sendable, Hashable {
    public var subject: String
    public var issuer: String
    /// DNS names and IP addresses of the subject alternative name extension.
    public var alternativeNames: [String]
    public var notValidBefore: Date
    public var notValidAfter: Date
    /// Issued by itself (subject and issuer agree and its own key verifies its signature).
    public var selfSigned: Bool
}

/// The result of checking the server's chain.
public struct CertificateCheck: Sendable, Hashable {
    /// Leaf first.
    public var chain: [CertificateSummary]
    public var trusted: Bool
    public var expired: Bool
    public var notYetValid: Bool
    public var nameMatches: Bool
    /// Whole days until the leaf expires (negative when expired).
    public var daysLeft: Int?

    /// The problems, most fundamental first: trust, then validity, then the name.
    public var problems: [TLSProblem] {
        var problems: [TLSProblem] = []
        if !trusted { problems.append(.untrusted) }
        if expired { problems.append(.expired) }
        if notYetValid { problems.append(.notYetValid) }
        if !nameMatches { problems.append(.nameMismatch) }
        return problems
    }
}

/// Checks the chain a server presented: trust (with swift-certificates' RFC 5280 verifier), validity dates and
/// the host name, each on its own so that the report can say which one failed.
enum CertificateInspector {
    static func check(_ presented: [NIOSSLCertificate], host: String, trust: TrustRoots, now: Date = Date()) async
        -> CertificateCheck?
    {
        let certificates = presented.compactMap { try? Certificate(derEncoded: $0.toDERBytes()) }
        guard let leaf = certificates.first else { return nil }
        let summaries = certificates.map(summary)
        let expired = now > leaf.notValidAfter
        let notYetValid = now < leaf.notValidBefore
        // Judge trust at a moment inside the leaf's validity, so that an expired certificate from a trusted CA is
        // reported as expired, not as untrusted.
        let validationTime = min(max(now, leaf.notValidBefore), leaf.notValidAfter)
        let roots = await store(trust)
        var verifier = Verifier(rootCertificates: roots) { RFC5280Policy(validationTime: validationTime) }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(certificates.dropFirst()))
        let trusted: Bool
        if case .validCertificate = result { trusted = true } else { trusted = false }
        let seconds = leaf.notValidAfter.timeIntervalSince(now)
        return CertificateCheck(
            chain: summaries, trusted: trusted, expired: expired, notYetValid: notYetValid,
            nameMatches: matches(leaf, host: host), daysLeft: Int((seconds / 86_400).rounded(.down)))
    }

    private static func store(_ trust: TrustRoots) async -> CertificateStore {
        switch trust {
        case .system: return CertificateStore.systemTrustRoots
        case .pem(let text): return CertificateStore(parse(pem: text))
        case .systemAnd(let text): return CertificateStore.systemTrustRoots.appending(contentsOf: parse(pem: text))
        }
    }

    /// Every certificate in a PEM text.
    static func parse(pem text: String) -> [Certificate] {
        let end = "-----END CERTIFICATE-----"
        return text.components(separatedBy: end).compactMap { block -> Certificate? in
            guard let start = block.range(of: "-----BEGIN CERTIFICATE-----") else { return nil }
            return try? Certificate(pemEncoded: String(block[start.lowerBound...]) + end)
        }
    }

    private static func summary(_ certificate: Certificate) -> CertificateSummary {
        CertificateSummary(
            subject: certificate.subject.description, issuer: certificate.issuer.description,
            alternativeNames: alternativeNames(certificate).map(\.text),
            notValidBefore: certificate.notValidBefore, notValidAfter: certificate.notValidAfter,
            selfSigned: certificate.subject == certificate.issuer
                && certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
    }

    private enum Name {
        case dns(String)
        case ip([UInt8])

        var text: String {
            switch self {
            case .dns(let name): return name
            case .ip(let bytes):
                if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
                return stride(from: 0, to: bytes.count, by: 2).map {
                    String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[min($0 + 1, bytes.count - 1)]))
                }.joined(separator: ":")
            }
        }
    }

    private static func alternativeNames(_ certificate: Certificate) -> [Name] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap { name in
            switch name {
            case .dnsName(let dns): return .dns(dns)
            case .ipAddress(let octets): return .ip(Array(octets.bytes))
            default: return nil
            }
        }
    }

    /// RFC 6125 matching: DNS names with a wildcard in the left-most label only; IP addresses byte for byte; the
    /// common name only when there are no alternative names.
    static func matches(_ certificate: Certificate, host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
        let names = alternativeNames(certificate)
        if let address = IPAddressBytes(host) {
            return names.contains { if case .ip(let bytes) = $0 { return bytes == address } else { return false } }
        }
        var dnsNames = names.compactMap { name -> String? in
            if case .dns(let dns) = name { return dns } else { return nil }
        }
        if names.isEmpty {
            dnsNames = certificate.subject.flatMap { $0 }.filter { $0.type == .RDNAttributeType.commonName }
                .map { "\($0.value)" }
        }
        return dnsNames.contains { pattern in
            let pattern = pattern.lowercased()
            if pattern == host { return true }
            guard pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
            return host[dot...] == pattern.dropFirst() && !host[..<dot].isEmpty
        }
    }

    private static func IPAddressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
