import Dispatch
import NIOCore
import SMTPTestServer
import Testing

@testable import SMTPDoctorProbes

/// A lookup that holds its thread until released, as `getaddrinfo` does while a DNS server stays silent.
private final class HeldLookup: Sendable {
    private let gate = DispatchSemaphore(value: 0)

    func lookup(_ host: String, _ port: Int) throws -> [SocketAddress] {
        gate.wait()
        throw HostResolver.Failure.notFound
    }

    func release() { gate.signal() }
}

/// The resolver's timeout on an injected clock, and cancellation: no test waits for real time to pass.
@Suite struct HostResolverTests {
    /// A resolution with a 30 s timeout whose lookup is held, once it is waiting on the clock.
    private func heldResolution(on clock: ManualClock, lookup held: HeldLookup) async -> Task<
        [SocketAddress], any Error
    > {
        let resolution = Task {
            try await HostResolver.resolve(
                "mail.example.com", port: 587, timeout: .seconds(30), clock: clock, lookup: held.lookup)
        }
        await clock.waitForSleepers(1)
        return resolution
    }

    @Test func theTimeoutPassesOnTheInjectedClock() async throws {
        let clock = ManualClock()
        let held = HeldLookup()
        defer { held.release() }
        let resolution = await heldResolution(on: clock, lookup: held)
        clock.advance(by: .seconds(30))
        do {
            let addresses = try await resolution.value
            Issue.record("resolved to \(addresses) while the lookup was held")
        } catch HostResolver.Failure.timeout {
        } catch {
            Issue.record("expected a timeout, got \(error)")
        }
    }

    @Test func cancellingTheTaskEndsTheWait() async throws {
        let clock = ManualClock()
        let held = HeldLookup()
        defer { held.release() }
        let resolution = await heldResolution(on: clock, lookup: held)
        resolution.cancel()
        await #expect(throws: CancellationError.self) { try await resolution.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func anAnswerBeforeTheTimeoutIsReturned() async throws {
        let clock = ManualClock()
        let address = try SocketAddress(ipAddress: "192.0.2.25", port: 587)
        let addresses = try await HostResolver.resolve(
            "mail.example.com", port: 587, timeout: .seconds(30), clock: clock, lookup: { _, _ in [address] })
        #expect(addresses == [address])
        #expect(clock.sleeperCount == 0, "the timeout's sleep is cancelled once the answer is in")
    }
}
