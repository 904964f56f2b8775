import SMTPDoctorReports
import Testing

/// When output goes through a pager, with the terminal and the environment given as values: no pager is started.
@Suite struct PagerDecisionTests {
    private func decision(
        terminal: Bool = true, disabled: Bool = false, writesFile: Bool = false, forReading: Bool = true,
        environment: [String: String] = ["TERM": "xterm-256color"]
    ) -> PagerDecision {
        PagerDecision(
            standardOutputIsTerminal: terminal, disabled: disabled, writesFile: writesFile, isForReading: forReading,
            environment: environment)
    }

    @Test func textOnATerminalGoesThroughLessThatQuitsWhenItFits() {
        #expect(decision().command == "less -FRX")
    }

    @Test func pipedOutputIsWrittenDirectly() {
        #expect(decision(terminal: false).command == nil)
    }

    @Test func noPagerFlagTurnsItOff() {
        #expect(decision(disabled: true).command == nil)
    }

    @Test func outputFileAndMachineFormatsAreNeverPaged() {
        #expect(decision(writesFile: true).command == nil)
        #expect(decision(forReading: false).command == nil)
    }

    @Test func pagerFromTheEnvironmentIsUsedAndCatOrEmptyMeansNone() {
        #expect(decision(environment: ["PAGER": "most -s"]).command == "most -s")
        #expect(decision(environment: ["PAGER": "cat"]).command == nil)
        #expect(decision(environment: ["PAGER": " "]).command == nil)
    }

    @Test func dumbTerminalWithoutPagerGetsNone() {
        #expect(decision(environment: ["TERM": "dumb"]).command == nil)
        #expect(decision(environment: ["TERM": "dumb", "PAGER": "less"]).command == "less")
    }

    @Test func lessOptionsAreSetOnlyWhenTheUserHasNone() {
        #expect(decision().pagerEnvironment["LESS"] == "FRX")
        #expect(decision(environment: ["LESS": "-S"]).pagerEnvironment["LESS"] == "-S")
    }
}
