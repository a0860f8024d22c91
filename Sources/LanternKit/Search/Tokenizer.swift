/// Splits text into search terms, reading UTF-8 bytes.
///
/// Terms are lower-cased and accent-folded ("Café" → "cafe", "Straße" → "strasse"); Greek and
/// Cyrillic capitals are lower-cased and other scripts kept as written. An apostrophe between
/// two word characters stays in the word ("don't"; the curly ’ becomes '). Digit groups
/// joined by "-", "." or "," form one number ("1-800-662-4357" → "18006624357"), so a phone
/// number is one term. With `keepsEnye` (the Spanish analyzer), "ñ" and "Ñ" become "ñ" rather
/// than "n". The JavaScript engine (search.js) mirrors this byte for byte.
enum Tokenizer {
    /// Longer tokens (base64 blobs, URLs run together) are skipped: nobody searches them.
    static let maxTermBytes = 64

    /// One token: its folded bytes and its byte range in the source text.
    struct Token: Equatable {
        var term: [UInt8]
        var start: Int
        var end: Int

        var string: String { String(decoding: term, as: UTF8.self) }
    }

    static func tokens(_ text: String, keepsEnye: Bool = false) -> [Token] {
        var text = text
        return text.withUTF8 { tokens($0, keepsEnye: keepsEnye) }
    }

    /// The tokens of `utf8`, with byte ranges in it.
    static func tokens(_ utf8: UnsafeBufferPointer<UInt8>, keepsEnye: Bool = false) -> [Token] {
        var result: [Token] = []
        forEachToken(utf8, keepsEnye: keepsEnye) { term, start, end in
            result.append(Token(term: Array(term), start: start, end: end))
        }
        return result
    }

    static func terms(_ text: String, keepsEnye: Bool = false) -> [String] {
        tokens(text, keepsEnye: keepsEnye).map(\.string)
    }

    /// Calls `body(term, start, end)` for each token in order. `term` is valid only during the
    /// call; `start..<end` is the token's byte range in `text`.
    static func forEachToken(
        _ text: UnsafeBufferPointer<UInt8>, keepsEnye: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxTermBytes + 4) { buffer in
            var length = 0
            var start = -1
            var end = 0
            var allDigits = true
            var tooLong = false

            func flush() {
                if start >= 0 && !tooLong && length > 0 {
                    body(UnsafeBufferPointer(rebasing: buffer[0..<length]), start, end)
                }
                start = -1
                length = 0
                tooLong = false
                allDigits = true
            }
            func append(_ byte: UInt8) {
                if length < maxTermBytes {
                    buffer[length] = byte
                    length += 1
                } else {
                    tooLong = true
                }
            }

            var i = 0
            let count = text.count
            while i < count {
                // Fast path for ASCII letters, digits and spaces: most of any English page.
                let byte = text[i]
                if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39
                    || byte >= 0x41 && byte <= 0x5A
                {
                    if start < 0 { start = i }
                    if byte > 0x39 { allDigits = false }
                    append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    end = i + 1
                    i += 1
                    continue
                }
                if byte == 0x20 {
                    flush()
                    i += 1
                    continue
                }
                let char = CharClass.classify(text, at: i, keepsEnye: keepsEnye)
                switch char.kind {
                case .letter, .digit, .other:
                    if start < 0 { start = i }
                    if char.kind != .digit { allDigits = false }
                    switch char.fold {
                    case .none:
                        for k in i..<(i + char.length) { append(text[k]) }
                    case .byte(let b):
                        append(b)
                    case .pair(let a, let b):
                        append(a)
                        append(b)
                    case .scalar(let scalar):
                        UTF8.encode(scalar, into: append)
                    }
                    end = i + char.length
                case .combining:
                    if start >= 0 { end = i + char.length }
                case .apostrophe:
                    let next = i + char.length
                    if start >= 0 && next < count && CharClass.classify(text, at: next).isWord {
                        append(UInt8(ascii: "'"))
                        allDigits = false
                    } else {
                        flush()
                    }
                case .joiner:
                    let next = i + 1
                    let nextIsDigit = next < count && text[next] >= 0x30 && text[next] <= 0x39
                    if !(start >= 0 && allDigits && nextIsDigit) { flush() }
                case .separator:
                    flush()
                }
                i += char.length
            }
            flush()
        }
    }
}

extension Tokenizer {
    /// What one UTF-8 sequence means to the tokenizer.
    struct CharClass {
        enum Kind { case letter, digit, other, combining, apostrophe, joiner, separator }
        enum Fold { case none, byte(UInt8), pair(UInt8, UInt8), scalar(Unicode.Scalar) }

        var kind: Kind
        var length: Int
        var fold: Fold = .none

        var isWord: Bool { kind == .letter || kind == .digit || kind == .other }

        /// Folding of U+00C0...U+017F to ASCII: one letter each; "1" = ae, "2" = th, "3" = ss,
        /// "4" = ij, "5" = oe; a space marks × and ÷ (separators). Shared with search.js.
        static let latinFold: [UInt8] = Array(
            ("aaaaaa1ceeeeiiiidnooooo ouuuuy23aaaaaa1ceeeeiiiidnooooo ouuuuy2yaaaaaaccccccccdddd"
                + "eeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrssssssss"
                + "ttttttuuuuuuuuuuuuwwyyyzzzzzzs").utf8)

        static func classify(_ s: UnsafeBufferPointer<UInt8>, at i: Int, keepsEnye: Bool = false) -> CharClass {
            let b0 = s[i]
            if b0 < 0x80 {
                switch b0 {
                case 0x61...0x7A: return CharClass(kind: .letter, length: 1)
                case 0x41...0x5A: return CharClass(kind: .letter, length: 1, fold: .byte(b0 | 0x20))
                case 0x30...0x39: return CharClass(kind: .digit, length: 1)
                case 0x27: return CharClass(kind: .apostrophe, length: 1)
                case 0x2C, 0x2D, 0x2E: return CharClass(kind: .joiner, length: 1)
                default: return CharClass(kind: .separator, length: 1)
                }
            }
            let length: Int
            var scalar: UInt32
            switch b0 {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b0 & 0x1F)
            case 0xE0...0xEF: length = 3; scalar = UInt32(b0 & 0x0F)
            case 0xF0...0xF4: length = 4; scalar = UInt32(b0 & 0x07)
            default: return CharClass(kind: .separator, length: 1)
            }
            if i + length > s.count { return CharClass(kind: .separator, length: 1) }
            for k in 1..<length {
                let b = s[i + k]
                if b & 0xC0 != 0x80 { return CharClass(kind: .separator, length: 1) }
                scalar = (scalar << 6) | UInt32(b & 0x3F)
            }
            switch scalar {
            case 0x80...0xBF, 0xD7, 0xF7:
                return CharClass(kind: .separator, length: length)
            case 0xD1 where keepsEnye, 0xF1 where keepsEnye:  // Ñ ñ
                return CharClass(kind: .letter, length: length, fold: .pair(0xC3, 0xB1))
            case 0xC0...0x17F:
                let fold: Fold
                switch latinFold[Int(scalar - 0xC0)] {
                case UInt8(ascii: "1"): fold = .pair(0x61, 0x65)
                case UInt8(ascii: "2"): fold = .pair(0x74, 0x68)
                case UInt8(ascii: "3"): fold = .pair(0x73, 0x73)
                case UInt8(ascii: "4"): fold = .pair(0x69, 0x6A)
                case UInt8(ascii: "5"): fold = .pair(0x6F, 0x65)
                case let folded: fold = .byte(folded)
                }
                return CharClass(kind: .letter, length: length, fold: fold)
            case 0x300...0x36F:
                return CharClass(kind: .combining, length: length)
            case 0x391...0x3A9, 0x410...0x42F:  // Greek and Cyrillic capitals
                return CharClass(kind: .letter, length: length, fold: .scalar(Unicode.Scalar(scalar + 0x20)!))
            case 0x400...0x40F:
                return CharClass(kind: .letter, length: length, fold: .scalar(Unicode.Scalar(scalar + 0x50)!))
            case 0x2018, 0x2019:
                return CharClass(kind: .apostrophe, length: length)
            case 0x2000...0x2BFF, 0x3000...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFF0F,
                0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65, 0x1F000...:
                return CharClass(kind: .separator, length: length)
            default:
                return CharClass(kind: .other, length: length)
            }
        }
    }
}
