import FuzzSupport

@testable import SMTPDoctorCore

/// Syslog lines of Postfix, Sendmail and Exim, one line at a time through one parser, as `analyze` reads them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogLines(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    var parser = SyslogLineParser(input: "fuzz")
    FuzzInput(start, count).forEachLine { line, number in
        if case .events(let events) = parser.parse(line, number: number) { _ = events.count }
    }
    return 0
}

/// The program: libFuzzer running `fuzzLogLines`.
@main
enum LogLinesFuzzer {
    static func main() {
        FuzzDriver.run { fuzzLogLines($0, $1) }
    }
}
