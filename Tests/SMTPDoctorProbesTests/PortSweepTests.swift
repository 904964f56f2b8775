import SMTPDoctorProbes
import SMTPTestServer
import Testing

@Suite struct PortSweepTests {
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
        var base = ProbeHarness.configuration(port: 0, password: "secret")
        base.checkModeMismatch = false
        let reports = await PortSweep(
            base, ports: [(servers[0].port, .starttls), (servers[1].port, .implicit), (servers[2].port, .auto)]
        ).run()
        for server in servers { await server.stop() }
        #expect(reports.map(\.verdict) == [.success, .authenticationFailed, .timeout])
        #expect(PortSweep.best(of: reports)?.port == servers[0].port)
    }
}
