import Foundation
import Testing

@testable import LanternKit

@Suite struct EscapingTests {
    static let hostile = "<img src=x onerror=alert(1)>"
    static let pages = [
        TestIndex.page(
            "/x/", title: hostile, description: "Ends a script: </script><script>alert(2)",
            intro: "Text with \"quotes\", back\\slash, & ampersand, line\u{2028}separator.",
            parts: [("a", "</SCRIPT> heading", "tab\there\nnew line \u{1} control")])
    ]

    @Test func jsonNeverContainsRawMarkup() {
        for threshold in [256 * 1024, 1] {
            let files = SearchIndexBuilder(synonyms: [:], shardThresholdBytes: threshold)
                .build(Self.pages)
            #expect(files.keys.contains { $0.hasSuffix(".gz") }, "the text files are read too")
            for (name, stored) in files {
                // The text files are stored gzip (Gzip.swift): what matters is what they hold.
                let bytes = name.hasSuffix(".gz") ? Gzip.decompress(stored) ?? [] : stored
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(!text.lowercased().contains("</script"), "\(name)")
                #expect(!text.contains("<"), "\(name)")
                #expect(!text.contains("\u{2028}"), "\(name)")
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil, "\(name)")
            }
        }
    }

    @Test func titleIsStoredAndReturnedAsPlainText() throws {
        let files = SearchIndexBuilder(synonyms: [:]).build(Self.pages)
        let text = String(decoding: try #require(files["index.json"]), as: UTF8.self)
        #expect(text.contains("\\u003cimg src=x onerror=alert(1)\\u003e"))
        let engine = try SearchEngine(directory: try TestIndex.write(files))
        let result = try #require(try engine.search("onerror").results.first)
        #expect(result.title == Self.hostile)
        // Found by a word of its text; the excerpt is that text, as plain text.
        let body = try #require(try engine.search("ampersand").results.first)
        #expect(
            body.excerpt.map(\.text).joined()
                == "Text with \"quotes\", back\\slash, & ampersand, line\u{2028}separator.")
        let heading = try #require(try engine.search("control").results.first)
        #expect(heading.heading == "</SCRIPT> heading")
        #expect(heading.excerpt.map(\.text).joined() == "tab here new line \u{1} control")
    }
}
