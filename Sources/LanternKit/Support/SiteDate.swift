/// A calendar date from front matter. Kept as year, month and day so that output never
/// depends on the build machine's time zone.
public struct SiteDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    private static let spanishMonthNames = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre",
    ]

    /// Accepts `YYYY-MM-DD`, optionally followed by a time (`T…` or ` …`), which is ignored.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), (1...SiteDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date known to be valid (one read back from the build's state).
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The same day `months` later, or the month's last day when it has no such day
    /// (2026-01-31 plus one month is 2026-02-28).
    public func adding(months: Int) -> SiteDate {
        let total = year * 12 + (month - 1) + months
        var later = self
        later.year = total / 12
        later.month = total % 12 + 1
        later.day = min(day, SiteDate.daysIn(month: later.month, year: later.year))
        return later
    }

    /// `2026-03-05`
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `March 5, 2026`
    public var long: String { "\(SiteDate.monthNames[month - 1]) \(day), \(year)" }

    /// The date written out as a language writes it: `5 de marzo de 2026` in Spanish, English
    /// (`long`) for the languages Lantern has no words for.
    public func long(in language: String) -> String {
        switch LanguageTag.primarySubtag(language) {
        case "es": return "\(day) de \(SiteDate.spanishMonthNames[month - 1]) de \(year)"
        default: return long
        }
    }

    public var description: String { iso }

    public static func < (lhs: SiteDate, rhs: SiteDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
