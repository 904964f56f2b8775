import SMTPDoctorServe
import Testing

@Suite struct TargetAddressPolicyTests {
    @Test(
        arguments: [
            [127, 0, 0, 1], [10, 0, 0, 1], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1],
            [169, 254, 169, 254],
            [100, 64, 0, 1], [0, 0, 0, 0], [224, 0, 0, 1],
        ] as [[UInt8]])
    func internalIPv4RangesAreRefused(_ bytes: [UInt8]) {
        #expect(TargetAddressPolicy.isInternal(bytes))
    }

    @Test(arguments: [[192, 0, 2, 1], [8, 8, 8, 8], [172, 32, 0, 1], [100, 128, 0, 1]] as [[UInt8]])
    func publicIPv4AddressesAreAllowed(_ bytes: [UInt8]) {
        #expect(!TargetAddressPolicy.isInternal(bytes))
    }

    @Test func ipv6LoopbackLinkLocalUniqueLocalAndMappedPrivateAreRefused() {
        var loopback = [UInt8](repeating: 0, count: 16)
        loopback[15] = 1
        #expect(TargetAddressPolicy.isInternal(loopback))
        #expect(TargetAddressPolicy.isInternal([0xfe, 0x80] + [UInt8](repeating: 0, count: 13) + [1]))
        #expect(TargetAddressPolicy.isInternal([0xfd, 0x12] + [UInt8](repeating: 0, count: 13) + [1]))
        let mapped = [UInt8](repeating: 0, count: 10) + [0xff, 0xff, 10, 0, 0, 1]
        #expect(TargetAddressPolicy.isInternal(mapped))
        let documentation = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1]
        #expect(!TargetAddressPolicy.isInternal(documentation))
    }
}
