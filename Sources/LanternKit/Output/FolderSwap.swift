import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Exchanges two folders in one step, so that at no moment is either name missing: Linux's
/// `renameat2` with `RENAME_EXCHANGE`.
enum FolderSwap {
    /// Swaps what `first` and `second` name. Returns 0, or the error number when the system or
    /// its file system cannot exchange (then nothing changed, and the caller falls back to
    /// two renames).
    static func exchange(_ first: String, _ second: String) -> Int32 {
        #if os(Linux)
        guard !TestHooks.forcesTwoRenames, let renameat2 = linuxRenameat2 else { return ENOSYS }
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 ? 0 : errno
        #else
        return ENOSYS
        #endif
    }

    #if os(Linux)
    private typealias Renameat2 = @convention(c) (
        Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

    /// `RENAME_EXCHANGE` of <linux/fs.h>, part of the kernel's stable interface.
    private static let renameExchange: UInt32 = 1 << 1

    /// Swift's Glibc module leaves out `renameat2` (glibc declares it only under _GNU_SOURCE)
    /// and cannot call the variadic `syscall`, so glibc's function (2.28 and later) is looked
    /// up by name; nil on an older C library.
    private static let linuxRenameat2: Renameat2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()
    #endif
}
