import Foundation
import LanternKit

// libFuzzer target: arbitrary bytes as one page file (front matter and Markdown) through the
// whole per-page pipeline: decoding, front matter, Markdown, links, templates and readability.
// Errors are expected answers; a crash, trap, hang or leak is a bug. Built only by `make fuzz`
// (see Package.swift); libFuzzer's driver is started from here because SwiftPM owns `main`.

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv) { start, count in
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    _ = PagePipeline.shared.render(file: data)
    return 0
})
