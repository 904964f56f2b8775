import SMTPDoctorCore
import Testing

@Suite struct FailureTextNormaliserTests {
    @Test func addressesNumbersAndIdsAreNormalisedButCodesKept() {
        let one = FailureTextNormaliser.normalise(
            "host mx2.example.com[203.0.113.7] said: 550 5.1.1 <bob@example.com>: User unknown")
        let two = FailureTextNormaliser.normalise(
            "host mx7.example.com[198.51.100.9] said: 550 5.1.1 <carol@example.com>: User unknown")
        #expect(one == two)
        #expect(one.contains("550 5.1.1"))
        #expect(!one.contains("bob"))
    }

    @Test func differentCodesStayDifferent() {
        #expect(
            FailureTextNormaliser.normalise("550 5.1.1 User unknown")
                != FailureTextNormaliser.normalise("452 4.2.2 User unknown"))
    }

    @Test func traceIdsOfGmailAndExchangeCollapse() {
        let gmail = FailureTextNormaliser.normalise("550-5.7.26 Unauthenticated a1b2si1234567qtb.123 - gsmtp")
        let other = FailureTextNormaliser.normalise("550-5.7.26 Unauthenticated x9y8si7654321qtb.42 - gsmtp")
        #expect(gmail == other)
    }

    @Test func longHostNamesKeepTheirProviderSuffix() {
        let text = FailureTextNormaliser.normalise("host contoso-com.mail.protection.outlook.com said: 550 5.7.1 x")
        #expect(text.contains("*.protection.outlook.com"))
    }
}
