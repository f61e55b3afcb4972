"""Turns the lines of bench/run-meta.sh into a markdown table: median time per 1,000 meta-steps of each side, the
ratio torch / Xfer4j, and the mean test MSE of each side under the three evaluation protocols."""
import re
import statistics
import sys
from collections import defaultdict

rows = defaultdict(lambda: defaultdict(list))
pattern = re.compile(r"^(java|torch) (\S+)\s+ms/1000=\s*(\S+) mse5x10=(\S+) robust5x10=(\S+) mse10x32=(\S+)")
for line in open(sys.argv[1]):
    m = pattern.match(line.strip())
    if m:
        side, method = m.group(1), m.group(2)
        rows[method][side].append([float(v) for v in m.groups()[2:]])


def median(sides, side, i):
    v = [r[i] for r in sides.get(side, []) if r[i] == r[i]]
    return statistics.median(v) if v else float("nan")


print("| method | torch ms / 1,000 steps | Xfer4j ms / 1,000 steps | speed-up | MSE 5 pts, 10 steps: torch / Xfer4j "
      "| MSE 5 pts from U(0,5), 10 steps | MSE 10 pts, 32 steps |")
print("|---|---|---|---|---|---|---|")
for method, sides in rows.items():
    t, j = median(sides, "torch", 0), median(sides, "java", 0)
    ratio = t / j if j == j and t == t and j > 0 else float("nan")
    cells = ["%.2f / %.2f" % (median(sides, "torch", i), median(sides, "java", i)) for i in (1, 2, 3)]
    print("| %s | %.0f | %.0f | %s | %s |" % (method, t, j, ("**%.1fx**" % ratio) if ratio == ratio else "-",
                                            " | ".join(cells)))
