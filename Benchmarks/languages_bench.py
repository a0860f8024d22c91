#!/usr/bin/env python3
"""Times a build of a site in English alone against the same site with every page also in Spanish:
the corpus's Content/ is copied twice under OUT, once as it is (en/) and once with a Spanish twin
beside every page (bi/, by spanish_twin.py); en/ builds with the repository's site.yaml without its
`es` language, bi/ with site.yaml as it is (`languages:` en and es). The two commands alternate,
first one then the other, for --rounds rounds, each run under /usr/bin/time -v (wall time, peak
RSS) into an emptied output folder; the ratio is the median of the same-round ratios (the machine
is shared, so ratios within a round are steadier than times across rounds).
usage: languages_bench.py --content DIR/Content --out OUT [--lantern BIN] [--rounds N]
(OUT on a RAM disk such as /dev/shm; DIR/Content from ../shared/bench/corpus.py or
scaled_site.py)"""
import argparse, os, re, shutil, statistics, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
parser = argparse.ArgumentParser()
parser.add_argument("--content", required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--lantern", default=os.path.join(repo, ".build", "release", "lantern"))
parser.add_argument("--rounds", type=int, default=3)
args = parser.parse_args()


def english_only(yaml):
    """site.yaml without the `es:` entry of `languages:` (two-space indent, as the repository's)."""
    out, skipping, in_languages = [], False, False
    for line in yaml.split("\n"):
        if re.match(r"^\S", line):
            in_languages, skipping = line.startswith("languages:"), False
        elif in_languages and re.match(r"^  \S", line):
            skipping = line.startswith("  es:")
        if not skipping:
            out.append(line)
    return "\n".join(out)


sites = {}
for name in ("en", "bi"):
    root = os.path.join(args.out, name)
    if not os.path.isdir(os.path.join(root, "Content")):
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(args.content, os.path.join(root, "Content"))
        if name == "bi":
            subprocess.run([sys.executable, os.path.join(here, "spanish_twin.py"), root], check=True)
    yaml = open(os.path.join(repo, "site.yaml"), encoding="utf-8").read()
    config = os.path.join(root, "site.yaml")
    open(config, "w", encoding="utf-8").write(english_only(yaml) if name == "en" else yaml)
    sites[name] = (os.path.join(root, "Content"), config, os.path.join(root, "public"))


def run(name):
    content, config, output = sites[name]
    shutil.rmtree(output, ignore_errors=True)
    p = subprocess.run(["/usr/bin/time", "-v", args.lantern, "build", "--config", config,
                        "--content", content, "--output", output, "--quiet"],
                       cwd=repo, capture_output=True, text=True)
    if p.returncode:
        sys.exit("%s build failed:\n%s" % (name, p.stderr[-3000:]))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr).group(1)
    seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall.split(":"))))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    user = float(re.search(r"User time \(seconds\): (\S+)", p.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", p.stderr).group(1))
    return seconds, rss, user + system


run("en"), run("bi")  # warm-up: page cache, and the outputs' first creation
times = {"en": [], "bi": []}
for r in range(args.rounds):
    for name in (("en", "bi") if r % 2 == 0 else ("bi", "en")):
        times[name].append(run(name))
        print("round %d %s: %.2f s, %d MB, %.2f s CPU" % (r + 1, name, times[name][-1][0],
              times[name][-1][1] // 1024, times[name][-1][2]), flush=True)
pages = {n: sum(1 for _, _, fs in os.walk(sites[n][0]) for f in fs if f.endswith(".md")) for n in sites}
for name in ("en", "bi"):
    t = [x[0] for x in times[name]]
    print("%s (%d files): median %.2f s (min %.2f, max %.2f), CPU %.2f s, peak RSS %d MB" % (
        name, pages[name], statistics.median(t), min(t), max(t),
        statistics.median(x[2] for x in times[name]), max(x[1] for x in times[name]) // 1024))
ratios = [b[0] / e[0] for e, b in zip(times["en"], times["bi"])]
print("bi / en: median of same-round ratios %.2f (%s)" % (
    statistics.median(ratios), ", ".join("%.2f" % x for x in ratios)))
