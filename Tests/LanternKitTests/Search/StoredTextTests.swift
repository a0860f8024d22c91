import Testing
@testable import LanternKit

@Suite struct StoredTextTests {
    @Test(arguments: [
        ("  Group  therapy\n\nmeets\tdaily. ", 100, "Group therapy meets daily."),
        ("Group therapy meets daily.", 26, "Group therapy meets daily."),
        ("Group therapy meets daily.", 25, "Group therapy meets…"),
        ("Group therapy meets daily.", 13, "Group therapy…"),
        ("Group   therapy", 13, "Group therapy"),
        ("Group therapy \n\t", 13, "Group therapy"),
        ("Group therapy x", 13, "Group therapy…"),
        ("Group therapy  ", 14, "Group therapy"),
        ("\r\nGroup", 5, "Group"),
        ("Supercalifragilistic", 5, "Super…"),
        ("Caféteria", 4, "Caf…"),
        ("", 10, ""),
        (" \n ", 10, ""),
    ] as [(String, Int, String)])
    func cutsBetweenWordsAndJoinsWhiteSpace(text: String, limit: Int, expected: String) {
        #expect(StoredText.cut(text, to: limit) == expected)
    }
}
