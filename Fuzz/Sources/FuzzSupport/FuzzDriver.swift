import CFuzzerDriver

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts libFuzzer from a target's own `main`.
///
/// SwiftPM gives every executable a `main` of its own (it links it in under a module-specific name), so the targets
/// cannot use libFuzzer's `main`; they call its driver instead, which reads the same command-line options.
public enum FuzzDriver {
    /// Runs libFuzzer with the process's arguments and `body` as `LLVMFuzzerTestOneInput`; returns its exit status.
    public static func run(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, body))
    }
}
