/// Damerau–Levenshtein distance (optimal string alignment: a swap of two neighbouring
/// letters is one edit), over bytes, giving up past `limit`.
enum EditDistance {
    /// The distance, or nil when it is more than `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
        let n = a.count
        let m = b.count
        if abs(n - m) > limit { return nil }
        if n == 0 || m == 0 { return max(n, m) <= limit ? max(n, m) : nil }
        let width = m + 1
        // The rows two back, one back and being filled, side by side in one stack buffer
        // (a typo search compares the word with every term); they rotate by their offsets.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows -> Int? in
            rows.initialize(repeating: 0)
            var (previous2, previous, current) = (0, width, 2 * width)
            for j in 0...m { rows[previous + j] = j }
            for i in 1...n {
                rows[current] = i
                var rowMinimum = i
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(
                        rows[previous + j] + 1, rows[current + j - 1] + 1,
                        rows[previous + j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        value = min(value, rows[previous2 + j - 2] + 1)
                    }
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return nil }
                (previous2, previous, current) = (previous, current, previous2)
            }
            return rows[previous + m] <= limit ? rows[previous + m] : nil
        }
    }
}
