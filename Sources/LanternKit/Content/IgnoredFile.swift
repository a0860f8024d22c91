/// Files of the content and theme folders that the build never reads and `lantern serve`
/// never watches: hidden ones (`.DS_Store`, swap files such as `.cbt.md.swp`) and editors'
/// backups (`cbt.md~`), which must not be published beside the page they back up.
enum IgnoredFile {
    static func isIgnored(_ name: some StringProtocol) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~")
    }
}
