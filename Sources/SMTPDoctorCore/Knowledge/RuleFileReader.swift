import Foundation

/// Reads one knowledge-base file for ``RuleLayer``, naming each way it can fail: a broken symbolic link, a loop of
/// links, a permission error, a file over the size limit, text that is not UTF-8 (with the line of the first bad
/// byte).
enum RuleFileReader {
    /// The file's text.
    ///
    /// - Parameters:
    ///   - path: where to read it.
    ///   - display: the path to name in messages.
    /// - Throws: ``RuleProblem`` saying what is wrong and where.
    static func text(at path: String, display: String) throws(RuleProblem) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RuleProblem(SourceLocation(file: display, line: 1), openFailure(path)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw RuleProblem(SourceLocation(file: display, line: 1), "not a regular file")
        }
        let limit = BoundedYAML.maximumBytes
        guard status.st_size <= limit else {
            throw RuleProblem(
                SourceLocation(file: display, line: 1),
                "the file has \(status.st_size) bytes; knowledge-base files may have at most \(limit >> 20) MiB")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes {
                Foundation.read(descriptor, $0.baseAddress?.advanced(by: count), $0.count - count)
            }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else {
                throw RuleProblem(
                    SourceLocation(file: display, line: 1), "cannot be read: \(String(cString: strerror(errno)))")
            }
            if read == 0 { break }
            count += read
        }
        guard count <= limit else {
            throw RuleProblem(
                SourceLocation(file: display, line: 1), "the file has more than \(limit >> 20) MiB; it is growing?")
        }
        return try decode(bytes[0..<count], display: display)
    }

    /// The bytes as UTF-8 text, or the line of the first byte that is not UTF-8.
    private static func decode(_ bytes: ArraySlice<UInt8>, display: String) throws(RuleProblem) -> String {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                scalars.append(scalar)
            case .emptyInput:
                return String(scalars)
            case .error:
                throw RuleProblem(
                    SourceLocation(file: display, line: line),
                    "not UTF-8 text: save the file as UTF-8 (the first invalid byte is on this line)")
            }
        }
    }

    /// Why `open` failed, in words that say what to do.
    private static func openFailure(_ path: String) -> String {
        let code = errno
        switch code {
        case ELOOP:
            return "a loop of symbolic links; point the link at a file"
        case ENOENT:
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                return "a broken symbolic link: \(target) does not exist"
            }
            return "the file disappeared while the folder was read"
        case EACCES:
            return "permission denied: make the file readable for this user"
        default:
            return "cannot be read: \(String(cString: strerror(code)))"
        }
    }
}
