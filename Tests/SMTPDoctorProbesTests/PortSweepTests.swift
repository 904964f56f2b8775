import SMTPDoctorProbes
import SMTPTestServer
import Testing

@Suite(ProbeHarness.manualClockLimit) struct PortSweepTests {
    @Test func sweepProbesEveryPortAndPicksTheWorkingOne() async throws {
        var starttls = SMTPTestServerScript()
        starttls.tls = .starttls(try ProbeHarness.goodIdentity())
        var implicit = SMTPTestServerScript()
        implicit.tls = .implicit(try ProbeHarness.goodIdentity())
        implicit.auth = .reply(535, "5.7.8 no")
        var slow = SMTPTestServerScript()
        slow.greeting = .silent
        let servers = [
            try await SMTPTestServer.start(starttls), try await SMTPTestServer.start(implicit),
            try await SMTPTestServer.start(slow),
        ]
        // The silent port is probed with `auto`, whose wait for a plaintext greeting is the only one as short as
        // the subject timeout: on the manual clock it alone runs out, and the sweep takes no waiting.
        var base = ProbeHarness.configuration(port: 0, password: "secret")
        base.checkModeMismatch = false
        base.timeouts.firstGreeting = ProbeHarness.subjectTimeout
        let clock = ManualClock()
        let sweep = PortSweep(
            base, ports: [(servers[0].port, .starttls), (servers[1].port, .implicit), (servers[2].port, .auto)],
            clock: clock)
        let timeOut = Task {
            await clock.waitForSleeper(endingWithin: ProbeHarness.subjectTimeout)
            if !Task.isCancelled { clock.advance(by: ProbeHarness.subjectTimeout) }
        }
        let reports = await sweep.run()
        timeOut.cancel()
        await timeOut.value
        #expect(clock.now.offset == ProbeHarness.subjectTimeout, "the silent port timed out on the manual clock")
        for server in servers { await server.stop() }
        #expect(reports.map(\.verdict) == [.success, .authenticationFailed, .timeout])
        #expect(PortSweep.best(of: reports)?.port == servers[0].port)
    }
}
