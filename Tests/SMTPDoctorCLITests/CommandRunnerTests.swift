import Foundation
import Testing

/// The runner waits for the program off Swift's cooperative pool, so that tests that run the program never starve
/// the async tests beside them in the same process.
@Suite struct CommandRunnerTests {
    @Test func moreProgramsThanCooperativeThreadsLeaveAsyncWorkRunning() async throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let count = ProcessInfo.processInfo.activeProcessorCount + 1
        #expect(count <= CommandRunner.concurrentPrograms)
        // Each program says it started, then waits for a file that async work creates once all have started; it
        // gives up after two minutes, which only a runner that holds the cooperative threads makes it do.
        let script = """
            touch "started-$$"
            for _ in $(seq 2400); do [ -e go ] && exit 0; sleep 0.05; done
            exit 1
            """
        try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<count {
                group.addTask { try await CommandRunner.runShell(script, in: folder).status }
            }
            group.addTask {
                while try Self.started(in: folder) < count { try await Task.sleep(for: .milliseconds(20)) }
                FileManager.default.createFile(atPath: folder.appendingPathComponent("go").path, contents: nil)
                return 0
            }
            for try await status in group {
                #expect(status == 0, "a program waited in vain for the async work beside it")
            }
        }
    }

    private static func started(in folder: URL) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("started-") }.count
    }
}
