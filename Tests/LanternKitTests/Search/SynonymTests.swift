import Foundation
import Testing

@testable import LanternKit

/// Synonyms both ways and one way, keys of several words, the built-in health vocabulary, and
/// "Did you mean" when a word is found nowhere.
@Suite struct SynonymTests {
    static let pages = [
        TestIndex.page("/teens/", title: "Programs for teens", intro: "Teens meet after school. " + TestIndex.filler(10)),
        TestIndex.page("/adults/", title: "Programs for adults", intro: "Adults meet in the evening. " + TestIndex.filler(10)),
        TestIndex.page("/housing/", title: "Where to live", intro: "Recovery housing after treatment. " + TestIndex.filler(10)),
        TestIndex.page("/addiction/", title: "Addiction treatment", intro: "What addiction treatment is. " + TestIndex.filler(10)),
    ]

    @Test func aGroupWorksBothWays() throws {
        let engine = try TestIndex.engine(Self.pages, groups: [["teen", "adolescent"]], healthVocabulary: false)
        #expect(try engine.search("adolescent ").urls.first == "/teens/")
        // and the site's own word keeps finding its page, the other member's too when it has one
        #expect(try engine.search("teens ").urls.first == "/teens/")
    }

    @Test func aOneWaySynonymWorksOneWay() throws {
        let engine = try TestIndex.engine(
            Self.pages, synonyms: ["rehab": ["addiction treatment"]], healthVocabulary: false)
        #expect(try engine.search("rehab ").urls == ["/addiction/"])
        let back = try engine.search("addiction ")
        #expect(back.words[0].matches.map(\.kind) == [.stem])
    }

    @Test func aKeyOfSeveralWordsIsOneClause() throws {
        let engine = try TestIndex.engine(
            Self.pages, synonyms: ["sober living": ["recovery housing"]], healthVocabulary: false)
        let response = try engine.search("sober living ")
        #expect(response.urls.first == "/housing/")
        #expect(response.words.map(\.word) == ["sober living"])
        #expect(response.words[0].matches.map(\.kind) == [.synonym])
        #expect(!response.isPartial)
    }

    @Test func theHealthVocabularyBridgesWordsNoPageUses() throws {
        let on = try TestIndex.engine(Self.pages)
        #expect(try on.search("adolescent ").urls.first == "/teens/")
        #expect(try on.search("halfway house ").urls.first == "/housing/")
        let off = try TestIndex.engine(Self.pages, healthVocabulary: false)
        #expect(try off.search("adolescent ").urls.isEmpty)
    }

    @Test func theVocabularyIsLargeAndUnambiguous() {
        let groups = HealthVocabulary.groups
        #expect(groups.count >= 150)
        var seen: [String: Int] = [:]
        for (i, group) in groups.enumerated() {
            #expect(group.count >= 2, "\(group)")
            for member in group {
                let key = SynonymTable.stems(member).joined(separator: " ")
                #expect(!key.isEmpty, "\(member) is only stop words")
                if let other = seen[key], other != i {
                    Issue.record("\(member) is in two groups: \(groups[other]) and \(group)")
                }
                seen[key] = i
            }
        }
    }

    @Test func aWordFoundNowhereGetsTheNearestWordOfTheIndex() throws {
        let engine = try TestIndex.engine(Self.pages, healthVocabulary: false)
        // Two edits from "evening": more than a five-letter word's typo allowance, so nothing
        // matches, but "Did you mean" reaches one edit further.
        let none = try engine.search("evnng")
        #expect(none.results.isEmpty)
        #expect(none.suggestions == [SearchSuggestion(word: "evnng", replacement: "evening")])
        // A word found with a typo, or a word found at all, gets none.
        #expect(try engine.search("evenng").suggestions.isEmpty)
        let partial = try engine.search("teens evnng")
        #expect(partial.isPartial && partial.urls.first == "/teens/")
        #expect(partial.suggestions.map(\.word) == ["evnng"])
    }
}
