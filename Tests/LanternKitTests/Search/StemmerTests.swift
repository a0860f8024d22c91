import Testing

@testable import LanternKit

/// Pairs from the Snowball English vocabulary and its published output (voc.txt /
/// output.txt), and the algorithm's special cases.
@Suite struct StemmerTests {
    static let vocabulary: [(String, String)] = [
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"),
        ("consignment", "consign"), ("consist", "consist"), ("consisted", "consist"),
        ("consistency", "consist"), ("consistent", "consist"), ("consistently", "consist"),
        ("consisting", "consist"), ("consists", "consist"), ("consolation", "consol"),
        ("consolations", "consol"), ("consolatory", "consolatori"), ("console", "consol"),
        ("consoled", "consol"), ("consoles", "consol"), ("consolidate", "consolid"),
        ("consolidated", "consolid"), ("consolidating", "consolid"), ("consoling", "consol"),
        ("consolingly", "consol"), ("consols", "consol"), ("consonant", "conson"),
        ("consort", "consort"), ("consorted", "consort"), ("consorting", "consort"),
        ("conspicuous", "conspicu"), ("conspicuously", "conspicu"),
        ("conspiracy", "conspiraci"), ("conspirator", "conspir"), ("conspirators", "conspir"),
        ("conspire", "conspir"), ("conspired", "conspir"), ("conspiring", "conspir"),
        ("constable", "constabl"), ("constables", "constabl"), ("constance", "constanc"),
        ("constancy", "constanc"), ("constant", "constant"),
        ("knack", "knack"), ("knackeries", "knackeri"), ("knacks", "knack"), ("knag", "knag"),
        ("knave", "knave"), ("knaves", "knave"), ("knavish", "knavish"), ("kneaded", "knead"),
        ("kneading", "knead"), ("knee", "knee"), ("kneel", "kneel"), ("kneeled", "kneel"),
        ("kneeling", "kneel"), ("kneels", "kneel"), ("knees", "knee"), ("knell", "knell"),
        ("knelt", "knelt"), ("knew", "knew"), ("knick", "knick"), ("knif", "knif"),
        ("knife", "knife"), ("knight", "knight"), ("knightly", "knight"), ("knights", "knight"),
        ("knit", "knit"), ("knits", "knit"), ("knitted", "knit"), ("knitting", "knit"),
        ("knives", "knive"), ("knob", "knob"), ("knobs", "knob"), ("knock", "knock"),
        ("knocked", "knock"), ("knocker", "knocker"), ("knockers", "knocker"),
        ("knocking", "knock"), ("knocks", "knock"), ("knopp", "knopp"), ("knot", "knot"),
        ("knots", "knot"),
        ("generously", "generous"), ("generous", "generous"), ("generate", "generat"),
        ("generates", "generat"), ("generated", "generat"), ("generating", "generat"),
        ("general", "general"), ("generally", "general"), ("generic", "generic"),
        ("generically", "generic"), ("communism", "communism"), ("communist", "communist"),
        ("communication", "communic"), ("communications", "communic"),
        ("community", "communiti"), ("communal", "communal"), ("arsenal", "arsenal"),
        ("arsenic", "arsenic"), ("past", "past"), ("later", "later"),
    ]

    static let specialCases: [(String, String)] = [
        ("skis", "ski"), ("skies", "sky"), ("sky", "sky"), ("dying", "die"), ("lying", "lie"),
        ("tying", "tie"), ("idly", "idl"), ("gently", "gentl"), ("ugly", "ugli"),
        ("early", "earli"), ("only", "onli"), ("singly", "singl"), ("news", "news"),
        ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"),
        ("andes", "andes"), ("inning", "inning"), ("innings", "inning"), ("outing", "outing"),
        ("outings", "outing"), ("canning", "canning"), ("herring", "herring"),
        ("earring", "earring"), ("proceed", "proceed"), ("exceed", "exceed"),
        ("succeed", "succeed"),
    ]

    /// Rules of the algorithm, one word each.
    static let rules: [(String, String)] = [
        ("caresses", "caress"), ("ties", "tie"), ("cries", "cri"), ("gas", "gas"),
        ("this", "this"), ("gaps", "gap"), ("kiwis", "kiwi"), ("bleed", "bleed"),
        ("guaranteed", "guarante"), ("luxuriated", "luxuri"), ("hoping", "hope"),
        ("hopping", "hop"), ("added", "add"), ("cry", "cri"), ("by", "by"), ("say", "say"),
        ("'tis", "tis"), ("parent's", "parent"), ("therapies", "therapi"),
        ("therapy", "therapi"), ("psychology", "psycholog"), ("psychologist", "psycholog"),
        ("medication", "medic"), ("medications", "medic"), ("anxiety", "anxieti"),
        ("relational", "relat"), ("running", "run"), ("drinking", "drink"),
        ("triggers", "trigger"), ("a", "a"), ("is", "is"),
    ]

    @Test func officialVocabulary() {
        for (word, stem) in Self.vocabulary {
            #expect(Stemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func specialCases() {
        for (word, stem) in Self.specialCases {
            #expect(Stemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func rules() {
        for (word, stem) in Self.rules {
            #expect(Stemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func countsAtLeastAHundredPairs() {
        #expect(Self.vocabulary.count + Self.specialCases.count + Self.rules.count >= 100)
    }

    @Test func leavesNonAsciiAlone() {
        #expect(Stemmer.stem("ωμέγα") == "ωμέγα")
    }
}
