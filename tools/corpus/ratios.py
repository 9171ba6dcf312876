#!/usr/bin/env python3
"""Per-file ratios goasm/Go from two CorpusBench CSV files (see docs/PERFORMANCE.md).
usage: ratios.py GO_CSV INPROC_CSV
Go's time per file is the median of its passes; goasm's cold time is its first pass, its warm
time the median of the later passes. Prints sums and the geometric mean and median of ratios."""
import csv, math, statistics, sys

def load(path):
    with open(path) as f:
        return {row["case"]: [int(v) for k, v in row.items() if k != "case"] for row in csv.DictReader(f)}

go, goasm = load(sys.argv[1]), load(sys.argv[2])
names = sorted(go)
go_t = [statistics.median(go[n]) for n in names]
cold = [goasm[n][0] for n in names]
warm = [statistics.median(goasm[n][1:]) if len(goasm[n]) > 1 else float("nan") for n in names]
geo = lambda xs: math.exp(statistics.mean(math.log(x) for x in xs))
for label, times in (("cold", cold), ("warm", warm)):
    ratios = [t / g for t, g in zip(times, go_t)]
    print(f"goasm {label}: sum {sum(times) / 1e9:.3f} s vs Go {sum(go_t) / 1e9:.3f} s "
          f"(ratio {sum(times) / sum(go_t):.3f}); per file geometric mean {geo(ratios):.3f}, "
          f"median {statistics.median(ratios):.3f}, max {max(ratios):.3f}")
