#!/usr/bin/env python3
"""How long `lantern build` takes after one page's text was edited, against a full build.

    python3 Benchmarks/incremental_bench.py --content DIR/Content --work FOLDER [--rounds 7]
        [--binary .build/release/lantern] [--edit body|title] [--ugly-urls]

Copies the content folder into FOLDER (put it on the disk to measure, not /dev/shm, unless a
RAM disk is what you want to measure), sets every file's time an hour back (a file written
within two seconds of the last build is read again whatever its stamp says) and builds once.
Then each round edits one page picked at random (a sentence appended to its text, or with
`--edit title` a new title, which its section's list and neighbours show too) and runs, in an
order that alternates each round, `lantern build` (which starts from the last build) and
`lantern build --full` into a second output. The ratio of each round is incremental / full,
measured side by side; the median of those ratios is printed, with each build's seconds.
After the last round the two outputs are compared file by file: they must be identical.
Uses this repository's site.yaml and theme (run from the repository root).
"""
import argparse, filecmp, os, random, shutil, statistics, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--content", required=True)
parser.add_argument("--work", required=True)
parser.add_argument("--binary", default=".build/release/lantern")
parser.add_argument("--rounds", type=int, default=7)
parser.add_argument("--edit", choices=["body", "title"], default="body")
parser.add_argument("--ugly-urls", action="store_true")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

binary = os.path.abspath(args.binary)
repo = os.getcwd()
work = os.path.abspath(args.work)
content = os.path.join(work, "Content")
if os.path.exists(work):
    shutil.rmtree(work)
os.makedirs(work)
shutil.copytree(args.content, content)
back = time.time() - 3600
for folder, _, files in os.walk(content):
    for name in files:
        os.utime(os.path.join(folder, name), (back, back))
pages = sorted(os.path.relpath(os.path.join(d, f), content)
               for d, _, fs in os.walk(content) for f in fs if f.endswith(".md") and not f.startswith("_index"))

def build(output, *extra):
    command = [binary, "build", "--config", os.path.join(repo, "site.yaml"), "--templates",
               os.path.join(repo, "Templates"), "--content", content, "--output", output, "--quiet", *extra]
    if args.ugly_urls:
        command.append("--ugly-urls")
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start

incremental_out, full_out = os.path.join(work, "Public"), os.path.join(work, "Full")
print(f"first builds: {build(incremental_out):.3f} s, {build(full_out, '--full'):.3f} s")
random.seed(args.seed)
ratios, incremental, full = [], [], []
for round in range(args.rounds):
    path = os.path.join(content, random.choice(pages))
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if args.edit == "title":
        head, rest = text.split("\n", 2)[1], text
        text = text.replace(head, f'title: "Edited page {round}"', 1) if head.startswith("title:") else text
    else:
        text += f"\nA sentence added in round {round}, about family weekends.\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.utime(path, (back, back))
    if round % 2 == 0:
        a = build(incremental_out); b = build(full_out, "--full")
    else:
        b = build(full_out, "--full"); a = build(incremental_out)
    incremental.append(a); full.append(b); ratios.append(a / b)
    print(f"round {round + 1}: incremental {a:.3f} s, full {b:.3f} s, ratio {a / b:.3f} ({os.path.relpath(path, content)})")

def differing(a, b):
    out = []
    for folder, _, files in os.walk(a):
        for name in files:
            left = os.path.join(folder, name)
            right = os.path.join(b, os.path.relpath(left, a))
            if not os.path.exists(right) or not filecmp.cmp(left, right, shallow=False):
                out.append(os.path.relpath(left, a))
    count = lambda r: sum(len(fs) for _, _, fs in os.walk(r))
    if count(a) != count(b):
        out.append(f"({count(a)} files against {count(b)})")
    return out

print(f"median: incremental {statistics.median(incremental):.3f} s, full {statistics.median(full):.3f} s, "
      f"ratio {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})")
problems = differing(incremental_out, full_out)
print("outputs identical" if not problems else f"outputs differ: {problems[:10]}")
sys.exit(1 if problems else 0)
