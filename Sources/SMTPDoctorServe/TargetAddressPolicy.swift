/// Decides whether a probe may connect to an address when the page is reachable from other machines.
///
/// A page that opens SMTP connections on request must not become a way to scan the network it runs in, so
/// loopback, link-local, private, shared (carrier-grade NAT), unique-local, unspecified and multicast addresses
/// are refused unless the operator allows them.
public enum TargetAddressPolicy {
    /// Whether the address (4 or 16 bytes) lies in a range that only the local network reaches.
    public static func isInternal(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 4 { return isInternalV4(bytes) }
        guard bytes.count == 16 else { return true }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff {
            return isInternalV4(Array(bytes[12..<16]))  // IPv4-mapped
        }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return true }  // :: and ::1
        if bytes[0] & 0xfe == 0xfc { return true }  // fc00::/7 unique local
        if bytes[0] == 0xfe, bytes[1] & 0xc0 == 0x80 { return true }  // fe80::/10 link-local
        if bytes[0] == 0xfe, bytes[1] & 0xc0 == 0xc0 { return true }  // fec0::/10 site-local (deprecated)
        if bytes[0] == 0xff { return true }  // multicast
        if bytes[0] == 0x20, bytes[1] == 0x02 { return isInternalV4(Array(bytes[2..<6])) }  // 6to4
        if bytes[0..<12] == [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] {
            return isInternalV4(Array(bytes[12..<16]))  // NAT64
        }
        return false
    }

    private static func isInternalV4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return true
        case (169, 254): return true
        case (172, 16...31): return true
        case (192, 168): return true
        case (100, 64...127): return true
        case (192, 0) where b[2] == 0: return true
        case (198, 18...19): return true
        case (224...255, _): return true
        default: return false
        }
    }
}
