#!/usr/bin/env python3
"""The picture benchmark (`make bench-pictures`): N photos of 4000 × 3000 (made here with the
`vips` command of Debian's libvips-tools, textured noise so they weigh what photos weigh),
one page per ten photos; Lantern's first build (empty cache), its rebuild (cache warm),
peak memory, and bytes a phone downloads; then, where `hugo` is installed, Hugo's image
processing of the same photos at the same widths and formats (Benchmarks/hugo-pictures).

usage: pictures_bench.py --lantern .build/release/lantern [--photos 200] [--out DIR] [--hugo-limit S]
(--hugo-limit: stop Hugo's first build after S seconds and report how far it got)"""
import argparse, json, os, re, shutil, signal, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--lantern", required=True)
parser.add_argument("--photos", type=int, default=200)
parser.add_argument("--out", default=".build/bench-pictures")
parser.add_argument("--hugo-limit", type=float, default=None)
args = parser.parse_args()
out = os.path.abspath(args.out)
here = os.path.dirname(os.path.abspath(__file__))
WIDTHS = [480, 800, 1200, 1600]


def run(command, **kw):
    subprocess.run(command, check=True, **kw)


def make_photos(folder):
    """Ten textured bases, each made into N/10 photos by a different brightness and contrast."""
    os.makedirs(folder, exist_ok=True)
    names = ["p-%03d.jpg" % i for i in range(args.photos)]
    if all(os.path.exists(os.path.join(folder, n)) for n in names):
        return names
    scratch = os.path.join(out, "scratch")
    os.makedirs(scratch, exist_ok=True)
    for b in range(10):
        base = os.path.join(scratch, "base-%d.v" % b)
        if os.path.exists(base):
            continue
        bands = []
        for c in range(3):
            noise = os.path.join(scratch, "n%d.v" % c)
            run(["vips", "gaussnoise", noise, "1000", "750", "--sigma", str(40 + 7 * b + c), "--mean", "128"])
            big = os.path.join(scratch, "b%d.v" % c)
            run(["vips", "resize", noise, big, "4"])
            bands.append(big)
        run(["vips", "bandjoin", " ".join(bands), base])
    for i, name in enumerate(names):
        target = os.path.join(folder, name)
        if os.path.exists(target):
            continue
        base = os.path.join(scratch, "base-%d.v" % (i % 10))
        a, c = 0.7 + (i % 17) * 0.03, float(i % 23)
        run(["vips", "linear", base, target + "[Q=88]", str(a), str(c), "--uchar"])
    return names


def timed(command, cwd, limit=None):
    """Wall seconds and peak resident memory (MB) of one run, by /usr/bin/time -v; None when it
    ran past `limit` seconds and was stopped."""
    start = time.monotonic()
    # A session of its own, so that a run past the limit is stopped with everything it started
    # (killing /usr/bin/time alone would leave Hugo running).
    process = subprocess.Popen(["/usr/bin/time", "-v"] + command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(command), result.stdout, result.stderr))
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    return seconds, int(peak.group(1)) / 1024 if peak else float("nan"), result.stdout


def size_of(folder, pattern):
    total = 0
    for root, _, files in os.walk(folder):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files if re.search(pattern, f))
    return total


site = os.path.join(out, "lantern-site")
photos = make_photos(os.path.join(site, "Content", "photos"))
with open(os.path.join(site, "site.yaml"), "w") as f:
    f.write("title: Picture benchmark\nbase_url: https://bench.example\nimages:\n  widths: %s\n"
            "  formats: [webp]\n  max_megapixels: 100\n" % json.dumps(WIDTHS))
with open(os.path.join(site, "Content", "_index.md"), "w") as f:
    f.write("---\ntitle: Home\n---\nPictures.\n")
for page in range(0, len(photos), 10):
    with open(os.path.join(site, "Content", "photos", "page-%03d.md" % (page // 10)), "w") as f:
        f.write("---\ntitle: Photos %d\n---\n" % (page // 10))
        for name in photos[page:page + 10]:
            f.write("\n![A textured test picture](%s)\n" % name)

shutil.rmtree(os.path.join(site, ".lantern-cache"), ignore_errors=True)
lantern = os.path.abspath(args.lantern)
build = [lantern, "build", "--output", "Public", "--templates", "no-theme"]
first, first_peak, first_out = timed(build, site)
again, again_peak, again_out = timed(build, site)
sources = size_of(os.path.join(site, "Content"), r"\.jpg$")
public = os.path.join(site, "Public")
phone = size_of(public, r"\.800w\.webp$")
report = {
    "photos": len(photos),
    "lantern": {
        "first_build_s": round(first, 2), "first_peak_mb": round(first_peak),
        "rebuild_s": round(again, 2), "rebuild_peak_mb": round(again_peak),
        "rebuild_output": again_out.strip(),
        "source_mb": round(sources / 1e6, 1),
        "published_pictures_mb": round(size_of(public, r"\.(jpg|webp)$") / 1e6, 1),
        "phone_download_mb": round(phone / 1e6, 1),
        "saved_for_a_phone_pct": round(100 * (1 - phone / sources), 1),
    },
}

if shutil.which("hugo"):
    hugo = os.path.join(out, "hugo-site")
    shutil.rmtree(hugo, ignore_errors=True)
    shutil.copytree(os.path.join(here, "hugo-pictures"), hugo)
    bundle = os.path.join(hugo, "content", "photos")
    os.makedirs(bundle, exist_ok=True)
    for name in photos:
        os.link(os.path.join(site, "Content", "photos", name), os.path.join(bundle, name))
    with open(os.path.join(bundle, "index.md"), "w") as f:
        f.write("---\ntitle: Photos\n---\n")
    hugo_build = ["hugo", "--quiet", "--destination", "public"]
    made = lambda: sum(len(files) for _, _, files in os.walk(os.path.join(hugo, "resources")))
    timing = timed(hugo_build, hugo, args.hugo_limit)
    if timing is None:
        report["hugo"] = {"first_build_s": "stopped after %d s" % args.hugo_limit,
                          "variants_made_by_then": made(),
                          "variants_wanted": len(photos) * len(WIDTHS) * 2}
    else:
        h_first, h_first_peak, _ = timing
        h_again, h_again_peak, _ = timed(hugo_build, hugo)
        report["hugo"] = {"first_build_s": round(h_first, 2), "first_peak_mb": round(h_first_peak),
                          "rebuild_s": round(h_again, 2), "rebuild_peak_mb": round(h_again_peak),
                          "published_pictures_mb": round(size_of(os.path.join(hugo, "public"), r"\.(jpg|webp)$") / 1e6, 1)}
else:
    report["hugo"] = "hugo is not installed (apt-get install hugo)"
print(json.dumps(report, indent=2))
