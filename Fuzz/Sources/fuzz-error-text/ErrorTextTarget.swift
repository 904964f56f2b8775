import FuzzSupport
import SMTPDoctorCore

/// Any text pasted as `--error`: the code parser must return without crashing, whatever it is given.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzErrorText(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let observation = ErrorTextParser().parse(FuzzInput(start, count).text)
    _ = observation.facts.count
    return 0
}

/// The program: libFuzzer running `fuzzErrorText`.
@main
enum ErrorTextFuzzer {
    static func main() {
        FuzzDriver.run { fuzzErrorText($0, $1) }
    }
}
