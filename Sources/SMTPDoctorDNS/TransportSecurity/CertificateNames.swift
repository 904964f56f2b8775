import NIOSSL
import X509

/// The DNS names a certificate is issued for, and RFC 6125 matching of a host against them.
enum CertificateNames {
    /// The dNSName entries of the certificate's subject alternative names.
    static func dnsNames(of certificate: NIOSSLCertificate) -> [String] {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der),
            let names = try? parsed.extensions.subjectAlternativeNames
        else { return [] }
        return names.compactMap { if case .dnsName(let name) = $0 { return name.lowercased() } else { return nil } }
    }

    /// Whether `name` (possibly `*.` followed by a domain) covers `host`: exactly, or the wildcard standing for
    /// one leftmost label.
    static func matches(_ name: String, _ host: String) -> Bool {
        let host = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        guard name.hasPrefix("*.") else { return name == host }
        let suffix = name.dropFirst(1)
        guard host.hasSuffix(suffix) else { return false }
        let label = host.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".")
    }
}
