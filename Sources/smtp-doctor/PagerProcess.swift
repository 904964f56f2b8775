import Foundation
import SMTPDoctorReports

/// Runs the pager on the program's terminal and feeds it the text.
///
/// The pager is started with `posix_spawn` rather than `Process`, which starts its child in a session of its own:
/// without the controlling terminal, `less` cannot read its keys from `/dev/tty` and prints everything at once.
enum PagerProcess {
    /// Starts `/bin/sh -c COMMAND` with the text on its standard input and waits until the pager ends.
    ///
    /// - Returns: false when the pager could not be started (the caller writes the text itself).
    static func run(_ command: String, environment: [String: String], text: String) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        posix_spawnattr_init(&attributes)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        let arguments = cStrings(["/bin/sh", "-c", command])
        let variables = cStrings(environment.map { "\($0.key)=\($0.value)" })
        defer { (arguments + variables).forEach { free($0) } }
        var child = pid_t()
        let started = posix_spawn(&child, "/bin/sh", &actions, &attributes, arguments, variables)
        close(readEnd)
        guard started == 0 else {
            close(writeEnd)
            return false
        }
        // A pager quit before the end closes the pipe: the rest is not wanted, and that is not an error.
        try? FileDescriptorWriter(descriptor: writeEnd).write(text)
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        return true
    }

    /// NUL-terminated copies of the strings, ending with a null pointer, as `posix_spawn` takes them; free each.
    private static func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
        strings.map { strdup($0) } + [nil]
    }
}
