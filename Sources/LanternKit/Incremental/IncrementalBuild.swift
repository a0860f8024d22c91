import Foundation

/// `lantern build` after an earlier build of the same output: the content folder is compared
/// with what that build kept (`BuildState`), the pages that changed are loaded again, the site
/// before and after is placed, and the change (`SiteChange`) picks the outputs to write again
/// (`OutputPlan.outputs(touchedBy:since:)`), as `lantern serve` does after a save. Every other
/// file of the last output is put in the new one as a hard link, and the new output is swapped
/// in whole, as after a full build.
///
/// Whatever this cannot be sure of builds everything: no state, or one of another Lantern,
/// other options, another `site.yaml` or theme; a content file other than a page that came,
/// went or changed (pictures, PDFs, credits); an output file that is not as the last build
/// left it; an error (the full build reports it).
enum IncrementalBuild {
    enum Outcome {
        /// Built into the staging folder; once it is swapped in, `keep` saves what the next
        /// build starts from.
        case built(BuildReport, Kept)
        /// Build everything, for `reason`; `wroteSome` when files were written into the staging folder.
        case needsFullBuild(wroteSome: Bool, reason: String)
    }

    /// What an incremental build leaves for the next: the state (without the output's stamps,
    /// taken once the output is in place) and the search documents that changed.
    struct Kept {
        var state: BuildState
        var documents: SearchDocumentStore?
        var changedBuckets: Set<Int> = []
        /// By language, the chunks of pages its search index was made from this time.
        var analysis: [String: AnalysisChunks] = [:]
        /// The stamps of the output files kept as hard links (the last build's), and the output
        /// paths written (or copied), whose stamps are taken once the output is in place.
        var keptStamps: [String: FileStamp] = [:]
        var written: Set<String> = []

        func save(output: String, to folder: String) {
            documents?.save(to: folder, buckets: changedBuckets)
            for (language, chunks) in analysis { chunks.save(to: folder, language: language) }
            var state = state
            state.outputs = keptStamps
            for path in written {
                if let stamp = FileStamp(path: output + "/" + path) { state.outputs[path] = stamp }
            }
            state.save(to: folder)
            StateFolders.didSave(folder, output: output)
        }
    }

    /// One folder per output (`build/Public-…`), so that builds into two outputs from one site
    /// each start from their own last build (`StateFolders` removes those of outputs that are gone).
    static func stateFolder(_ options: BuildOptions) -> String {
        let output = StagingFolder.absolute(options.outputPath)
        let name = (output as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return options.cacheFolder + "/build/" + name + "-" + String(StableHash.of(output) % (1 << 32), radix: 16)
    }

    /// What a full build keeps for the next one: the state (its output's stamps are added once
    /// it is in place) and every page's search document.
    static func keep(_ loaded: ContentLoader.Loaded, site: Site, templates: TemplateLibrary,
                     rendered: Builder.SiteRender, analysis: [String: AnalysisChunks], options: BuildOptions,
                     in folder: String)
    {
        guard let key = key(options) else { return }
        let output = StagingFolder.absolute(options.outputPath)
        var store = SearchDocumentStore()
        for (path, document) in rendered.searchDocuments { store.documents[path] = KeptDocument(document) }
        store.save(to: folder)
        for (language, chunks) in analysis { chunks.save(to: folder, language: language, all: true) }
        BuildState(key: key, stampTime: loaded.stampTime, content: loaded.stamps, heads: loaded.heads,
            outputs: OutputStamps.of(output), searchFiles: rendered.searchHashes,
            related: site.related.kept(in: site)).save(to: folder)
        StateFolders.didSave(folder, output: output)
    }

    /// Everything but the content that decides the output (`BuildState.key`), or nil when it
    /// cannot be read (then nothing is kept or reused).
    static func key(_ options: BuildOptions) -> String? {
        guard let config = FileManager.default.contents(atPath: options.configPath) else { return nil }
        var themeFiles: [(path: String, bytes: [UInt8])] = []
        let folder = options.templatesPath
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue {
            guard let paths = FileManager.default.subpaths(atPath: folder) else { return nil }
            for path in paths {
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
                if isDirectory.boolValue { continue }
                guard let bytes = FileManager.default.contents(atPath: folder + "/" + path) else { return nil }
                themeFiles.append((path, [UInt8](bytes)))
            }
        }
        return BuildState.key(options: options, configBytes: [UInt8](config), themeFiles: themeFiles)
    }

    static func run(_ options: BuildOptions, into staging: StagingFolder, clock: inout StageClock)
        throws(BuildFailure) -> Outcome
    {
        let folder = stateFolder(options)
        let output = StagingFolder.absolute(options.outputPath)
        guard let state = BuildState.load(from: folder) else {
            return .needsFullBuild(wroteSome: false, reason: "no earlier build kept its state")
        }
        guard let key = key(options), key == state.key else {
            return .needsFullBuild(wroteSome: false,
                reason: "Lantern, the options, site.yaml or the theme changed since the last build")
        }
        clock.lap("read the last build's state")
        // The last output must be as that build left it: its files are this one's.
        let outputsIntact = Array(state.outputs).parallelMap { OutputStamps.matches(output + "/" + $0.key, $0.value) }
        guard !outputsIntact.contains(false) else {
            return .needsFullBuild(wroteSome: false, reason: "the output is not as the last build left it")
        }

        guard let config = try? Builder.loadConfig(options) else {
            return .needsFullBuild(wroteSome: false, reason: "site.yaml has a problem")
        }
        let loader = Builder.contentLoader(options, config: config)
        clock.lap("check the last output")
        let stampTime = FileStamp.now
        let discovery = loader.discover()
        clock.lap("look at the content folder")
        guard !discovery.diagnostics.hasErrors else {
            return .needsFullBuild(wroteSome: false, reason: "the content folder has a problem")
        }
        // Pages that changed since (or might have: written in the tick the stamps were taken).
        var changed: Set<String> = []
        for path in discovery.markdown {
            guard let stamp = discovery.stamps[path], state.heads[path] != nil, state.content[path] == stamp,
                stamp.isSettled(before: state.stampTime)
            else {
                changed.insert(path)
                continue
            }
        }
        let markdown = Set(discovery.markdown)
        let removed = Set(state.heads.keys.filter { !markdown.contains($0) })
        // Any other content file came, went or changed: pictures and links to files are in
        // every page, so the full build (which finds the pictures' variants in their cache).
        let others = discovery.other + discovery.pictureCredits
        guard Set(others) == Set(state.content.keys).subtracting(state.heads.keys),
            others.allSatisfy({ state.content[$0] == discovery.stamps[$0] && discovery.stamps[$0]!.isSettled(before: state.stampTime) })
        else {
            return .needsFullBuild(wroteSome: false, reason: "a content file other than a page came, went or changed")
        }

        let heads = state.heads, reread = changed
        let loaded = loader.load(discovery) { reread.contains($0) ? nil : heads[$0] }
        guard !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            return .needsFullBuild(wroteSome: false, reason: "a page has a problem")
        }
        clock.lap("load pages")
        // When only the text of pages changed (the front matter of each is as it was), the site
        // is placed as before, with the same related pages: the change is their bodies.
        let textOnly = removed.isEmpty && changed.allSatisfy { heads[$0] != nil && heads[$0]?.text == loaded.heads[$0]?.text }
        var newDiagnostics = DiagnosticBag()
        var site = Builder.place(loaded, config: config, options: options, diagnostics: &newDiagnostics,
            keptRelated: textOnly ? state.related : nil)
        guard !newDiagnostics.hasErrors else { return .needsFullBuild(wroteSome: false, reason: "a page has a problem") }
        let old: Site
        if textOnly {
            old = site
        } else {
            // The last build's pages: those unchanged as now, the others from their front matter then.
            var before = loaded
            before.pages = []
            before.draftPaths = []
            let now = Dictionary(loaded.pages.map { ($0.sourcePath, $0) }, uniquingKeysWith: { a, _ in a })
            for path in ContentLoader.walkOrder(Array(heads.keys)) {
                if !changed.contains(path) && !removed.contains(path) {
                    if let page = now[path] { before.pages.append(page) } else { before.draftPaths.insert(path) }
                    continue
                }
                guard let page = try? ContentLoader.page(head: heads[path]!, path: path,
                    displayPath: loader.display(path), config: config)
                else { return .needsFullBuild(wroteSome: false, reason: "the last build's pages do not load again") }
                if page.frontMatter.draft && !options.includeDrafts { before.draftPaths.insert(path) } else { before.pages.append(page) }
            }
            var oldDiagnostics = DiagnosticBag()
            old = Builder.place(before, config: config, options: options, diagnostics: &oldDiagnostics)
            guard !oldDiagnostics.hasErrors else {
                return .needsFullBuild(wroteSome: false, reason: "the last build's pages do not load again")
            }
        }
        clock.lap("load changed content")

        var diagnostics = DiagnosticBag()
        let pictureProblems = Builder.makePictures(&site, options: options)
        var oldSite = old
        oldSite.pictures = site.pictures
        guard !pictureProblems.contains(where: { $0.severity == .error }), let templates = Builder.loadTheme(site, options: options, diagnostics: &diagnostics),
            !diagnostics.hasErrors
        else { return .needsFullBuild(wroteSome: false, reason: "a picture or the theme has a problem") }

        let themeAssets = OutputPlan.themeAssets(of: templates.theme)
        let plan = OutputPlan(site: site, templates: templates, themeAssets: themeAssets)
        let oldPlan = textOnly ? plan : OutputPlan(site: oldSite, templates: templates, themeAssets: themeAssets)
        var change: SiteChange
        if textOnly {
            // What `SiteChange(from:to:candidates:)` finds when only bodies differ (or might).
            change = SiteChange()
            change.old = oldSite
            change.new = site
            change.pages = changed.sorted().compactMap { path in
                site.page(at: path).map {
                    SiteChange.ChangedPage(sourcePath: path, kind: $0.kind, sectionPath: $0.sectionPath,
                        language: $0.language, fields: .body)
                }
            }
            change.relatedMayDiffer = false
        } else {
            change = SiteChange(from: oldSite, to: site, candidates: changed.union(removed))
            change.relatedMayDiffer = true
        }
        let touched = plan.outputs(touchedBy: change, since: oldPlan)
        let gone = Set(plan.pathsGone(since: oldPlan))
        clock.lap("compare with the last build")

        // The pages to render and those the feeds show need their text, which only the pages
        // that changed were read for.
        let inFeeds = Feeds.pagesShown(by: touched, in: site)
        // The pages are taken from the site again below, with their text.
        let rendered = Set(OutputPlan.pages(of: touched, in: site).map(\.sourcePath))
        // A section Lantern generated has no text, though a draft may have its path.
        let needText = rendered.union(inFeeds).subtracting(changed)
            .filter { site.page(at: $0)?.isGenerated == false }
        let texts = Array(needText).parallelMap { path in (path, try? loader.readText(path, root: options.contentPath)) }
        for (path, text) in texts {
            guard let text, let split = try? FrontMatterParser.split(text, file: path) else {
                return .needsFullBuild(wroteSome: false, reason: "a page could not be read again")
            }
            site.setBody(String(split.body), firstLine: split.bodyFirstLine, of: path)
        }
        let renderer = PageRenderer(site: site, templates: templates, forChecks: false)
        let toRender = OutputPlan.pages(of: touched, in: site)
        let outcomes = Builder.renderPages(toRender, with: renderer, into: staging, keepingContentOf: inFeeds)
        guard !outcomes.contains(where: { $0.diagnostics.contains { $0.severity == .error } }) else {
            return .needsFullBuild(wroteSome: true, reason: "a page has a problem")
        }
        var feedContent: [String: String] = [:]
        for outcome in outcomes where inFeeds.contains(outcome.page.sourcePath) {
            feedContent[outcome.page.sourcePath] = outcome.contentHTML
        }
        var written = Set(toRender.map(\.outputPath))
        for planned in touched {
            switch planned.product {
            case .page, .searchIndex: continue  // written above, and below
            default: written.insert(planned.path)
            }
        }
        do {
            _ = try Builder.writeSiteFiles(touched, site: site, pageRenderer: renderer, into: staging,
                contentHTML: feedContent)
        } catch {
            return .needsFullBuild(wroteSome: true, reason: "an output could not be written")
        }
        clock.lap("render and write what changed")

        // The search index of each language whose pages changed, from the documents kept of
        // the others; its files whose bytes stayed are kept too.
        var searchFiles = state.searchFiles
        var documents: SearchDocumentStore?
        var changedBuckets: Set<Int> = []
        var analysis: [String: AnalysisChunks] = [:]
        var dropped: Set<String> = []
        let touchedLanguages = Set(touched.compactMap { planned -> String? in
            if case .searchIndex(let language) = planned.product { return language } else { return nil }
        })
        if !touchedLanguages.isEmpty {
            guard var store = SearchDocumentStore.load(from: folder) else {
                return .needsFullBuild(wroteSome: true, reason: "the pages' search documents were not kept")
            }
            var buckets: Set<Int> = []
            for path in changed.union(removed) where site.page(at: path) == nil {
                if store.documents.removeValue(forKey: path) != nil { buckets.insert(SearchDocumentStore.bucket(of: path)) }
            }
            for outcome in outcomes {
                let path = outcome.page.sourcePath
                let document = SearchDocument(outcome, in: site).map(KeptDocument.init)
                if store.documents[path] != document {
                    store.documents[path] = document
                    buckets.insert(SearchDocumentStore.bucket(of: path))
                }
            }
            // The index is made of the documents alone (the configuration is the last build's):
            // when none changed (a new date, weight or alias), neither did it.
            var files: [(path: String, bytes: [UInt8])] = []
            for language in site.config.languages.map(\.code) where touchedLanguages.contains(language) && !buckets.isEmpty {
                let prefix = SearchIndexBuilder.folder(in: site.config.urls(for: language))
                for path in searchFiles.keys where path.hasPrefix(prefix) { searchFiles[path] = nil }
                let documents = site.pages.compactMap { page in
                    page.language == language ? store.documents[page.sourcePath] : nil
                }
                let chunks = AnalysisChunks.load(from: folder, language: language)
                analysis[language] = chunks
                files += SearchIndexBuilder.files(for: documents, config: site.config, language: language, kept: chunks)
                // Text files and shards made from the same inputs as before are the last output's.
                for name in chunks.filesKept {
                    guard let hash = state.searchFiles[prefix + name] else {
                        return .needsFullBuild(wroteSome: true, reason: "the search index was not kept whole")
                    }
                    searchFiles[prefix + name] = hash
                }
            }
            let hashes = files.parallelMap { StableHash.of($0.bytes) }
            var changedFiles: [(path: String, bytes: [UInt8])] = []
            for (file, hash) in zip(files, hashes) {
                if state.searchFiles[file.path] != hash || state.outputs[file.path] == nil { changedFiles.append(file) }
                searchFiles[file.path] = hash
            }
            do {
                _ = try Builder.writeFiles(changedFiles, into: staging)
            } catch {
                return .needsFullBuild(wroteSome: true, reason: "an output could not be written")
            }
            written.formUnion(changedFiles.map(\.path))
            // What the index no longer has is not kept.
            for path in state.searchFiles.keys where searchFiles[path] == nil { dropped.insert(path) }
            documents = store
            changedBuckets = buckets
            clock.lap("search index")
        }

        // Every other file of the last output, as it is.
        let kept = state.outputs.keys.filter { !written.contains($0) && !gone.contains($0) && !dropped.contains($0) }
        let linked = Array(kept).parallelMap { path -> Result<Bool, BuildFailure> in
            do throws(BuildFailure) {
                return .success(try staging.link(from: output + "/" + path, to: path))
            } catch {
                return .failure(error)
            }
        }
        // A file linked is the same file, stamp and all (but for its status-change time, which
        // `OutputStamps.matches` does not compare); the others are looked at once in place.
        var keptStamps: [String: FileStamp] = [:]
        var lookAt = written
        for (path, result) in zip(kept, linked) {
            switch result {
            case .success(true): keptStamps[path] = state.outputs[path]
            case .success(false): lookAt.insert(path)
            case .failure(let failure): throw failure
            }
        }
        clock.lap("keep the files that stayed")

        let report = BuildReport(pagesWritten: toRender.count, filesWritten: written.count, seconds: 0,
            pictureVariantsMade: site.pictures.variantsMade, filesKept: kept.count, isIncremental: true)
        var newState = BuildState(key: key, stampTime: stampTime, content: discovery.stamps, heads: loaded.heads,
            outputs: [:], searchFiles: searchFiles, related: site.related.kept(in: site))
        newState.encodedHeads = state.encodedHeads.filter { !changed.contains($0.key) }
        BackgroundRelease.drop((state, site, oldSite, plan, oldPlan, change, renderer, outcomes))
        return .built(report, Kept(state: newState, documents: documents, changedBuckets: changedBuckets,
            analysis: analysis, keptStamps: keptStamps, written: lookAt))
    }
}
