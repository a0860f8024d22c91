/// Pages must stay readable for worried people on phones: a reading grade at or below the
/// site's target (`check.max_grade`, default 8). A page may raise its own limit with
/// `max_grade:` and must then say why in `max_grade_reason:`. Spanish pages are scored with
/// formulas made for Spanish, against `check.readability.es` (see CheckContext).
struct ReadingGradeRule: CheckRule {
    let id = "reading-grade"
    /// Below this many words the formulas say little.
    static let minimumWords = 50

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        switch context.language(of: page) {
        case .english: return checkEnglish(outcome, in: context)
        case .spanish: return checkSpanish(outcome, in: context)
        case .other: return []
        }
    }

    private func checkSpanish(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let level = Readability(
            blocks: outcome.blocks.filter { !$0.isCode }.map(\.text), syllables: SpanishSyllables.count)
        guard level.words >= ReadingGradeRule.minimumWords else { return [] }
        let minimums = context.spanishReadabilityMinimums
        var found: [Diagnostic] = []
        if level.fernandezHuerta < minimums.fernandezHuerta {
            found.append(warning(outcome.page, line: 1,
                "readability \(format(level.fernandezHuerta)) (Fernández-Huerta) is below the target of "
                    + "\(format(minimums.fernandezHuerta)); use shorter sentences and everyday words"))
        }
        if level.szigrisztPazos < minimums.szigrisztPazos {
            found.append(warning(outcome.page, line: 1,
                "readability \(format(level.szigrisztPazos)) (Szigriszt-Pazos, INFLESZ) is below the target of "
                    + "\(format(minimums.szigrisztPazos)); use shorter sentences and shorter words"))
        }
        return found
    }

    private func checkEnglish(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        let matter = page.frontMatter
        var found: [Diagnostic] = []
        var limit = context.site.config.maxReadingGrade
        if let raised = matter.param("max_grade") {
            let value = raised.number
            let reason = matter.param("max_grade_reason")?.text?.trimmingWhitespace() ?? ""
            if let value, !reason.isEmpty {
                limit = value
            } else {
                found.append(warning(page, line: matter.location(of: "max_grade")?.line ?? 1,
                    "'max_grade' needs a number and a 'max_grade_reason' explaining why this page may be harder"))
            }
        }
        // Flesch-Kincaid and SMOG count English syllables and are calibrated on English readers:
        // a page in another language is not measured by them.
        guard context.language(of: page) == .english else { return found }
        let level = Readability(blocks: outcome.blocks.filter { !$0.isCode }.map(\.text))
        guard level.words >= ReadingGradeRule.minimumWords else { return found }
        let grade = level.fleschKincaidGrade
        if grade > limit {
            found.append(warning(page, line: 1,
                "reading grade \(format(grade)) (Flesch-Kincaid) is above the target of \(format(limit)); "
                    + "use shorter sentences and everyday words"))
        }
        if let smog = level.smogGrade, smog > limit {
            found.append(warning(page, line: 1,
                "reading grade \(format(smog)) (SMOG) is above the target of \(format(limit)); "
                    + "replace long words where you can"))
        }
        return found
    }

    private func format(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}

/// Sentences over 30 words (35 in Spanish: CheckLanguage) are hard to follow, above all
/// under stress.
struct LongSentenceRule: CheckRule {
    let id = "long-sentence"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let maximumWords = context.language(of: outcome.page).maximumSentenceWords
        var found: [Diagnostic] = []
        for block in outcome.blocks where !block.isCode {
            for sentence in Readability.sentences(in: block.text) {
                let words = Readability.words(in: sentence)
                guard words.count > maximumWords, let first = words.first else { continue }
                let opening = words.prefix(6).joined(separator: " ")
                let line = block.line + block.text[..<first.startIndex].filter { $0 == "\n" }.count
                found.append(warning(outcome.page, line: line,
                    "sentence of \(words.count) words ('\(opening) …'); split it (at most \(maximumWords))"))
            }
        }
        return found
    }
}

/// Clinical guidance must be reviewed: `last_reviewed` present and recent
/// (`check.review_months`, default 12).
struct ReviewDateRule: CheckRule {
    let id = "review-date"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        guard !page.isGenerated, context.isClinical(page) else { return [] }
        guard let reviewed = page.frontMatter.lastReviewed else {
            return [warning(page, line: 1,
                "clinical page without 'last_reviewed:'; add the date it was last reviewed")]
        }
        let months = context.site.config.reviewMonths
        let age = (context.today.year - reviewed.year) * 12 + (context.today.month - reviewed.month)
            - (context.today.day < reviewed.day ? 1 : 0)
        guard age >= months else { return [] }
        return [warning(page, line: page.frontMatter.location(of: "last_reviewed")?.line ?? 1,
            "last reviewed on \(reviewed.iso), more than \(months) months ago; review the page and update the date")]
    }
}
