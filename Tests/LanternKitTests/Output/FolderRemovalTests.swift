import Foundation
import Testing
@testable import LanternKit

@Suite struct FolderRemovalTests {
    @Test func removesATreeButNeverFollowsLinks() throws {
        let fm = FileManager.default
        let root = NSTemporaryDirectory() + "lantern-rm-" + UUID().uuidString
        let keep = root + "-keep"
        try fm.createDirectory(atPath: root + "/a/b/c", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: keep, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: keep) }
        for path in ["/x.html", "/a/y.html", "/a/b/c/z.html", "/a/b/.hidden"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: root + path))
        }
        try Data("precious".utf8).write(to: URL(fileURLWithPath: keep + "/file"))
        try fm.createSymbolicLink(atPath: root + "/a/link", withDestinationPath: keep)
        FolderRemoval.remove(root)
        #expect(!fm.fileExists(atPath: root))
        #expect(fm.contents(atPath: keep + "/file") == Data("precious".utf8))
        FolderRemoval.remove(root)  // missing: nothing happens
    }
}
