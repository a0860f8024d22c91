import Foundation
import LanternKit

/// libFuzzer entry point: arbitrary bytes as one page file (front matter and Markdown) through
/// the whole per-page pipeline: decoding, front matter, Markdown, links, templates and the
/// search text. Errors are expected answers; a crash, trap, hang or leak is a bug.
/// Built only by `make fuzz` (see Package.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOnePage(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    _ = PagePipeline.shared.render(file: data)
    return 0
}
