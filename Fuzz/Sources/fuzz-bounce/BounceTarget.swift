import FuzzSupport

@testable import SMTPDoctorCore

/// One email message as `analyze` finds it in a `.eml` file, a Maildir or an mbox: headers, MIME parts, a
/// delivery-status report or a plain-text bounce body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBounce(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let text = FuzzInput(start, count).text
    let events = BounceMessageParser(input: "fuzz").parse(text[...], line: 1, format: .emailMessage)
    _ = events.count
    return 0
}

/// The program: libFuzzer running `fuzzBounce`.
@main
enum BounceFuzzer {
    static func main() {
        FuzzDriver.run { fuzzBounce($0, $1) }
    }
}
