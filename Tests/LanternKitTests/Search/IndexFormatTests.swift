import Testing

@testable import LanternKit

@Suite struct IndexFormatTests {
    @Test func postingsRoundTrip() {
        let pages: [Int32] = [0, 1, 2, 40, 1000, 70_000]
        let impacts: [Int32] = [1, 31, 32, 200, 5, 1]
        let code = IndexFormat.encodePostings(pages: pages[...], impacts: impacts[...])
        let decoded = IndexFormat.decodePostings(String(decoding: code, as: UTF8.self))
        #expect(decoded.map(\.page) == pages.map(Int.init))
        #expect(decoded.map(\.impact) == impacts.map(Int.init))
        // Small gaps and impacts take one character each.
        #expect(IndexFormat.encodePostings(pages: [0, 1], impacts: [3, 4]).count == 4)
    }

    @Test func frontCodingRoundTrip() {
        let terms = ["abl", "abus", "abuse", "москва", "москвы", "東京", "東京都"]
        let coded = IndexFormat.frontCode(terms)
        #expect(coded[1] == "Cus")  // shares "ab"
        #expect(coded[4].hasPrefix("A"))  // non-ASCII is never shared
        #expect(IndexFormat.frontDecode(coded) == terms)
    }

    @Test func popularityClasses() {
        #expect(IndexFormat.popularity(1) == UInt8(ascii: "A"))
        #expect(IndexFormat.popularity(2) == UInt8(ascii: "B"))
        #expect(IndexFormat.popularity(1023) == UInt8(ascii: "J"))
        #expect(IndexFormat.popularity(1024) == UInt8(ascii: "K"))
    }
}
