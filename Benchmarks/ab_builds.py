#!/usr/bin/env python3
"""Times two build commands side by side: each round runs both, in turns (A then B, then B then A),
and the ratio B/A is taken within each round, whose median is reported with its range. Within a
round the machine is as busy for both, so these ratios are steadier than times across rounds.
usage: ab_builds.py ROUNDS 'command A' 'command B'   (one warm-up round is not counted)
e.g. the cost of a feature: A the binary before it (a git worktree's release build), B after."""
import statistics, subprocess, sys, time

rounds, a, b = int(sys.argv[1]), sys.argv[2], sys.argv[3]
times = {a: [], b: []}
ratios = []
for r in range(rounds + 1):
    took = {}
    for cmd in ([a, b] if r % 2 == 0 else [b, a]):
        start = time.perf_counter()
        subprocess.run(cmd, shell=True, check=True)
        took[cmd] = time.perf_counter() - start
    if r:
        times[a].append(took[a])
        times[b].append(took[b])
        ratios.append(took[b] / took[a])
print(f"A median {statistics.median(times[a]):.2f} s, B median {statistics.median(times[b]):.2f} s; "
      f"B/A within a round: median {statistics.median(ratios):.3f} "
      f"(min {min(ratios):.3f}, max {max(ratios):.3f}), {rounds} rounds")
