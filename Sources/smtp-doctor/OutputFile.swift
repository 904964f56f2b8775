import Foundation

/// The file of `-o/--output`, written whole or not at all.
///
/// A regular file is written to a temporary file beside it and renamed over it, so a full disk or an interruption
/// never leaves half a report; an existing file without write permission is refused rather than replaced. A device or
/// FIFO (`/dev/stdout`, `>(cmd)`) is written in place, since it cannot be renamed over.
struct OutputFile {
    let path: String

    /// - Throws: `CommandFailure` naming the file and the cause when it cannot be written.
    func write(_ data: Data) throws {
        var status = stat()
        if stat(path, &status) == 0 {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR { throw failure("it is a folder") }
            if kind != S_IFREG { return try writeInPlace(data) }
            if status.st_mode & S_IWUSR == 0 || access(path, W_OK) != 0 {
                throw failure("it is write-protected; make it writable or choose another file")
            }
            try replace(with: data, mode: status.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            try replace(with: data, mode: 0o666 & ~mask)
        }
    }

    private func writeInPlace(_ data: Data) throws {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(SystemError.current) }
        defer { close(descriptor) }
        do {
            try FileDescriptorWriter(descriptor: descriptor).write(data)
        } catch {
            throw failure(error)
        }
    }

    private func replace(with data: Data, mode: mode_t) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array(
            (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).XXXXXX").utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw failure(SystemError.current) }
        let temporary = String(cString: template)
        var problem: SystemError?
        do {
            try FileDescriptorWriter(descriptor: descriptor).write(data)
            if fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 { problem = .current }
        } catch {
            problem = error
        }
        if close(descriptor) != 0, problem == nil { problem = .current }
        if let problem {
            unlink(temporary)
            throw failure(problem)
        }
        guard rename(temporary, path) == 0 else {
            let error = SystemError.current
            unlink(temporary)
            throw failure(error)
        }
    }

    private func failure(_ cause: Any) -> CommandFailure {
        CommandFailure("cannot write \(path): \(cause)", status: .failure)
    }
}
