import Testing

@testable import LanternKit

@Suite struct RankingTests {
    @Test func titleBeatsBody() throws {
        let engine = try TestIndex.engine([
            TestIndex.page(
                "/a/", title: "Unrelated page",
                intro: "Some words about dialectical skills. " + TestIndex.filler(40)),
            TestIndex.page(
                "/b/", title: "Dialectical behavior therapy",
                intro: "Some words about other skills. " + TestIndex.filler(40)),
        ])
        #expect(try engine.search("dialectical").urls == ["/b/", "/a/"])
    }

    @Test func synonymRanksBelowExact() throws {
        let engine = try TestIndex.engine(
            [
                TestIndex.page("/a/", title: "Page one", intro: "Recovery " + TestIndex.filler(20)),
                TestIndex.page("/b/", title: "Page two", intro: "Rehab " + TestIndex.filler(20)),
                TestIndex.page("/c/", title: "Page three", intro: TestIndex.filler(21)),
            ],
            synonyms: ["rehab": ["addiction treatment", "recovery"]])
        let response = try engine.search("rehab")
        #expect(response.urls == ["/b/", "/a/"])
        #expect(response.results[0].score > response.results[1].score)
        let kinds = response.words[0].matches.map(\.kind)
        #expect(kinds == [.exact, .synonym])
    }

    @Test func multiWordSynonymNeedsEveryWord() throws {
        let engine = try TestIndex.engine(
            [
                TestIndex.page("/a/", title: "One", intro: "addiction treatment works"),
                TestIndex.page("/b/", title: "Two", intro: "addiction only"),
            ],
            synonyms: ["rehab": ["addiction treatment"]])
        #expect(try engine.search("rehab ").urls == ["/a/"])
    }

    @Test func wordsCloseTogetherRankHigher() throws {
        let engine = try TestIndex.engine([
            TestIndex.page(
                "/far/", title: "One",
                intro: "family " + TestIndex.filler(30) + " therapy " + TestIndex.filler(5)),
            TestIndex.page(
                "/near/", title: "Two",
                intro: "family therapy " + TestIndex.filler(35, seed: 3)),
        ])
        let response = try engine.search("family therapy")
        #expect(response.urls == ["/near/", "/far/"])
        #expect(response.results[0].score > response.results[1].score)
    }

    @Test func typoThresholds() throws {
        let engine = try TestIndex.engine([
            TestIndex.page("/cost/", title: "Cost", intro: "cost"),
            TestIndex.page("/dep/", title: "Depression", intro: "depression"),
            TestIndex.page("/cat/", title: "Cat", intro: "cat"),
        ])
        // Four letters: one edit, a transposition counts as one.
        #expect(try engine.search("cots ").urls == ["/cost/"])
        #expect(try engine.search("csot ").urls == ["/cost/"])
        #expect(try engine.search("czsz ").results.isEmpty)
        // Three letters: no typos.
        #expect(try engine.search("cta ").results.isEmpty)
        #expect(try engine.search("cta ").missingWords == ["cta"])
        // Eight letters or more: two edits.
        #expect(try engine.search("depresion ").urls == ["/dep/"])
        #expect(try engine.search("deprsesion ").urls == ["/dep/"])
        #expect(try engine.search("dpersesoin ").results.isEmpty)
        let match = try engine.search("cots ").words[0].matches[0]
        #expect(match.kind == .typo && match.edits == 1)
    }

    @Test func typosAreCountedInBytes() throws {
        // "japanesе" ends with a Cyrillic е, two bytes: two edits from "japanese".
        let engine = try TestIndex.engine([
            TestIndex.page("/w/", title: "Words", intro: "The word japanes\u{0435} is spelt oddly."),
            TestIndex.page("/x/", title: "Other", intro: "Nothing alike."),
        ])
        let response = try engine.search("japanese")
        #expect(response.urls == ["/w/"])
        let match = try #require(response.words[0].matches.first)
        #expect(match.kind == .typo && match.edits == 2 && match.term == "japanes\u{0435}")
    }

    @Test func lastWordMatchesAsPrefix() throws {
        let engine = try TestIndex.engine([
            TestIndex.page("/t/", title: "Therapists", intro: "Our therapists help."),
            TestIndex.page("/f/", title: "Family", intro: "Family life."),
        ])
        #expect(try engine.search("thera").urls == ["/t/"])
        #expect(try engine.search("thera").words[0].matches.map(\.kind) == [.prefix])
        // Followed by a space, or not last: a whole word.
        #expect(try engine.search("thera ").results.isEmpty)
        #expect(try engine.search("thera family").missingWords == ["thera"])
        // No page has both words: partial results, the prefix still counted as found.
        let partial = try engine.search("family thera")
        #expect(partial.isPartial && Set(partial.urls) == ["/t/", "/f/"])
    }

    @Test func aOneCharacterLastWordMatchesWholeWordsOnly() throws {
        let engine = try TestIndex.engine([
            TestIndex.page("/phq9/", title: "PHQ-9", intro: "The PHQ-9 has 9 questions."),
            TestIndex.page("/other/", title: "Forms", intro: "The PHQ form takes 90 seconds; call 911."),
        ])
        #expect(try engine.search("PHQ-9").urls == ["/phq9/"])
        #expect(try engine.search("9").words[0].matches.map(\.kind) == [.exact])
        // Two characters are a prefix.
        let two = try engine.search("phq 91")
        #expect(two.urls == ["/other/"] && two.words[1].matches.map(\.kind) == [.prefix])
    }

    @Test func prefixFindsPagesAcrossWords() throws {
        let engine = try TestIndex.engine([
            TestIndex.page("/t/", title: "Therapists and families", intro: "Our therapists help."),
        ])
        #expect(try engine.search("therapists fam").urls == ["/t/"])
        #expect(try engine.search("medicat").results.isEmpty)
    }

    @Test func quotedPhrasesMatchExactlyWithStopWords() throws {
        let engine = try TestIndex.engine([
            TestIndex.page(
                "/a/", title: "Costs",
                intro: "Many plans have an out-of-pocket limit for the year."),
            TestIndex.page(
                "/b/", title: "Pockets", intro: "Keep it in your pocket; going out is fine."),
        ])
        #expect(try engine.search("\"out of pocket\"").urls == ["/a/"])
        #expect(try Set(engine.search("out of pocket").urls) == ["/a/", "/b/"])
        // Not in that order anywhere: said so, and the pages with all its words follow.
        let missing = try engine.search("\"pocket limit out\"")
        #expect(missing.isPartial && missing.missingWords == ["\"pocket limit out\""])
        #expect(missing.urls == ["/a/"])
        let none = try engine.search("\"pocket xyzzy\"")
        #expect(none.results.isEmpty && none.missingWords == ["\"pocket xyzzy\""])
        let words = try engine.search("out of pocket").words
        #expect(words.filter(\.isStopWord).map(\.word) == ["out", "of"])
    }

    @Test func reportsMissingWordsWithPartialResults() throws {
        let engine = try TestIndex.engine([
            TestIndex.page("/a/", title: "Family therapy", intro: "Family sessions."),
            TestIndex.page("/b/", title: "Group therapy", intro: "Group sessions."),
        ])
        let response = try engine.search("zebra therapy")
        #expect(response.isPartial)
        #expect(response.missingWords == ["zebra"])
        #expect(Set(response.urls) == ["/a/", "/b/"])

        let notTogether = try engine.search("family group")
        #expect(notTogether.isPartial)
        #expect(notTogether.results.count == 2)
        #expect(notTogether.missingWords.count == 1)

        let full = try engine.search("family therapy")
        #expect(!full.isPartial && full.missingWords.isEmpty && full.urls == ["/a/"])
    }

    static let program = [
        TestIndex.page(
            "/p/", title: "Program",
            description: "What the program costs and how your copay works.",
            intro: TestIndex.filler(20),
            parts: [
                ("schedule", "Schedule", "Sessions run three hours, four days a week."),
                ("costs", "Costs and copays", "Your copay depends on your insurance plan."),
                ("help", "Getting help", "Call us. " + TestIndex.filler(60)
                    + " Most plans cover group meetings; ask your insurer about the deductible. "
                    + TestIndex.filler(60, seed: 3)),
            ])
    ]

    @Test func linksToTheBestPartAndMarksAnExcerptOfItsText() throws {
        let engine = try TestIndex.engine(Self.program)
        let result = try #require(try engine.search("copay").results.first)
        #expect(result.url == "/p/#costs")
        #expect(result.heading == "Costs and copays")
        #expect(result.excerpt.filter(\.isMatch).map(\.text) == ["copay"])
        #expect(result.excerpt.map(\.text).joined() == "Your copay depends on your insurance plan.")
        // A word only in a part's text links to that part.
        let body = try #require(try engine.search("sessions run").results.first)
        #expect(body.url == "/p/#schedule" && body.heading == "Schedule")
        #expect(body.excerpt.filter(\.isMatch).map(\.text) == ["Sessions", "run"])
        // Words in the description only: the top of the page, the description as excerpt.
        let top = try #require(try engine.search("works").results.first)
        #expect(top.url == "/p/" && top.excerpt.filter(\.isMatch).map(\.text) == ["works"])
    }

    @Test func anExcerptIsAWindowAroundTheBestClusterOfMatchedWords() throws {
        let engine = try TestIndex.engine(Self.program)
        // "group", "meetings" and "deductible" meet in the middle of a long part's text.
        let result = try #require(try engine.search("deductible group meetings").results.first)
        #expect(result.url == "/p/#help")
        let text = result.excerpt.map(\.text)
        #expect(text.first == "…" && text.last == "…")
        #expect(result.excerpt.filter(\.isMatch).map(\.text) == ["group", "meetings", "deductible"])
        #expect(text.dropFirst().dropLast().joined().utf8.count <= RankingSettings.english.excerptBytes)
        #expect(text.joined().contains("Most plans cover group meetings; ask your insurer about the deductible."))
    }

    @Test func beforeTheTextArrivesResultsComeFromTheCards() throws {
        let engine = try TestIndex.engine(Self.program, readsText: false)
        // Headings still lead to their parts; words of the text find the page, not the part.
        let copay = try #require(try engine.search("copay").results.first)
        #expect(copay.url == "/p/#costs" && copay.excerpt.isEmpty)
        let body = try #require(try engine.search("sessions run").results.first)
        #expect(body.url == "/p/" && body.heading == "" && body.excerpt.isEmpty)
    }

    @Test func phrasesAndWordsCloseTogetherAreFoundInTheText() throws {
        let pages = [
            TestIndex.page(
                "/near/", title: "One", intro: TestIndex.filler(30),
                parts: [("p", "Part", "Ask about the out of pocket limit. " + TestIndex.filler(10))]),
            TestIndex.page(
                "/far/", title: "Two", intro: "Out " + TestIndex.filler(30) + " of my pocket.",
                parts: [("p", "Part", TestIndex.filler(40, seed: 2))]),
        ]
        let full = try TestIndex.engine(pages)
        #expect(try full.search("\"out of pocket\"").urls == ["/near/#p"])
        #expect(try full.search("pocket limit").urls == ["/near/#p"])
        // From the cards alone, the phrase is not found in order and both pages follow.
        let cards = try TestIndex.engine(pages, readsText: false)
        let phrase = try cards.search("\"out of pocket\"")
        #expect(phrase.isPartial && phrase.missingWords == ["\"out of pocket\""])
        #expect(Set(phrase.urls) == ["/near/", "/far/"])
    }

    @Test func stopWordsOnlyFindsNothing() throws {
        let engine = try TestIndex.engine([TestIndex.page("/a/", title: "A", intro: "the and of")])
        let response = try engine.search("the of ")
        #expect(response.results.isEmpty && response.missingWords.isEmpty)
        #expect(response.words.allSatisfy { $0.isStopWord })
    }
}

@Suite struct EdgeCaseTests {
    @Test func emptySite() throws {
        let engine = try TestIndex.engine([])
        let response = try engine.search("anything")
        #expect(response.results.isEmpty && response.missingWords == ["anything"])
    }

    @Test func pageWithoutParts() throws {
        let page = SearchDocument(
            url: "/bare/", title: "Bare page", description: "Only a description here.",
            parts: [])
        let engine = try TestIndex.engine([page])
        let result = try #require(try engine.search("description").results.first)
        #expect(result.url == "/bare/" && result.heading == "")
        #expect(result.excerpt.filter(\.isMatch).map(\.text) == ["description"])
    }

    @Test func emptyQueryAndZeroLimit() throws {
        let engine = try TestIndex.engine([TestIndex.page("/a/", title: "A", intro: "words")])
        #expect(try engine.search("").results.isEmpty)
        #expect(try engine.search("   \"\" ").words.isEmpty)
        #expect(try engine.search("words", limit: 0).results.isEmpty)
    }
}

@Suite struct WordOrderTests {
    @Test func titleWithTheQueryInOrderWinsAndLinksToThePage() throws {
        // "iop" is on every page, so its impact alone cannot tell them apart.
        let engine = try TestIndex.engine([
            TestIndex.page(
                "/a/", title: "How an IOP works", intro: "An IOP meets often. IOP IOP.",
                parts: [("what", "What is it", "An IOP is care.")]),
            TestIndex.page(
                "/b/", title: "What is an intensive outpatient program (IOP)?",
                intro: "Some words about an IOP.",
                parts: [("fits", "Where an IOP fits", "The IOP sits between.")]),
            TestIndex.page(
                "/c/", title: "Questions", intro: "About IOP.",
                parts: [("q", "What is an IOP?", "An IOP is treatment.")]),
        ])
        let response = try engine.search("what is an iop")
        #expect(response.urls == ["/b/", "/c/#q", "/a/"])
        #expect(response.words.filter(\.isStopWord).map(\.word) == ["what", "is", "an"])
        let plain = try engine.search("iop")
        let base = try #require(plain.results.first { $0.url.hasPrefix("/b/") }).score
        #expect(response.results[0].score == base + RankingSettings.english.titleOrderPoints)
        // Out of order, or with a word the title lacks: no bonus.
        let scores = Dictionary(uniqueKeysWithValues: plain.results.map { ($0.url, $0.score) })
        let outOfOrder = try engine.search("iop is what").results
        #expect(!outOfOrder.isEmpty && outOfOrder.allSatisfy { scores[$0.url] == $0.score })
    }

    @Test func aCommonWordInTheTitleRanksThePageFirst() throws {
        let pages = (0..<8).map { i in
            TestIndex.page(
                "/p\(i)/", title: "Page \(i)",
                intro: "therapy " + String(repeating: "therapy helps. ", count: 10)
                    + TestIndex.filler(20, seed: i))
        } + [TestIndex.page("/z/", title: "Therapy", intro: "therapy " + TestIndex.filler(20))]
        let engine = try TestIndex.engine(pages)
        #expect(try engine.search("therapy").urls.first == "/z/")
    }

    @Test func aSmallerLimitGivesTheFirstResultsOfALargerOne() throws {
        let pages = (0..<30).map { i in
            TestIndex.page(
                "/p\(i)/", title: i == 25 ? "What is an IOP" : "Page \(i)",
                intro: "iop " + TestIndex.filler(10 + i))
        }
        let engine = try TestIndex.engine(pages)
        for query in ["what is an iop", "iop", "iop lorem"] {
            let ten = try engine.search(query, limit: 10).urls
            for limit in 1...3 {
                #expect(try engine.search(query, limit: limit).urls == Array(ten.prefix(limit)))
            }
        }
    }
}
