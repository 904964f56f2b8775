import SMTPDoctorServe
import Testing

@Suite struct ListenAddressTests {
    @Test func loopbackAddressesAreRecognised() throws {
        #expect(try #require(ListenAddress("127.0.0.1:8025")).isLoopback)
        #expect(try #require(ListenAddress("127.8.9.10:1")).isLoopback)
        #expect(try #require(ListenAddress("[::1]:8025")).isLoopback)
        #expect(try #require(ListenAddress("localhost:80")).isLoopback)
        #expect(try #require(ListenAddress("0.0.0.0:8025")).isLoopback == false)
        #expect(try #require(ListenAddress("[::]:8025")).isLoopback == false)
        #expect(try #require(ListenAddress("192.0.2.1:8025")).isLoopback == false)
    }

    @Test(arguments: ["", "8025", "127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", ":8025", "a b:80", "[::1:80"])
    func malformedAddressesAreRefused(_ text: String) {
        #expect(ListenAddress(text) == nil)
    }
}
