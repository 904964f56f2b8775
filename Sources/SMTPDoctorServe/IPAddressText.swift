/// The text form of an address's bytes: dotted IPv4 for 4 bytes, eight full hexadecimal groups of IPv6 for 16.
func IPAddressText(_ bytes: [UInt8]) -> String {
    guard bytes.count == 16 else { return bytes.map(String.init).joined(separator: ".") }
    return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        .joined(separator: ":")
}
