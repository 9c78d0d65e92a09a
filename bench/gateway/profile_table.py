#!/usr/bin/env python3
"""Where each proxy's CPU per request goes, side by side: variants.sh PROFILE=1 feeds it one line per target,
"label<TAB>cpu µs per request<TAB>perf.data". Each target's µs per request (measured from /proc during the run) is shared out
by perf's self samples: by owner (the kernel, a native library, or the .NET assembly of a JIT-compiled method), then the
methods that cost the last target the most above the first one. Per-request µs, not percentages, so that targets of different
speeds compare. perf must have seen the JIT's perf map (DOTNET_PerfMapEnabled=1, W^X off), or .NET code shows as "?".
"""
import collections
import re
import subprocess
import sys

SAMPLE = re.compile(r"\s+([\d.]+)%\s+(\[JIT\] tid \d+|\S+)\s+\[.\]\s+(.*)")
# The first "[Assembly] " followed by a space: a return type's "[System.Runtime]System.Threading.Tasks.Task" has none.
ASSEMBLY = re.compile(r"\[([\w.]+)\] ")


def owner(dso, symbol):
    if dso.startswith("[JIT]"):
        if symbol.startswith("stub "):
            return ".NET runtime stubs"
        match = ASSEMBLY.search(symbol)
        return "managed: " + match.group(1) if match else "managed: ?"
    return dso


def method_name(symbol):
    """A .NET method as Type::Method, without return type, assembly, parameters and JIT tier; anything else as perf names it."""
    match = ASSEMBLY.search(symbol)
    if symbol.startswith("stub ") or not match:
        return symbol
    name = symbol[match.end():]
    return name[:name.find("(")] if "(" in name else name


def samples(perf_data):
    report = subprocess.run(
        ["perf", "report", "-i", perf_data, "--no-children", "--fields", "overhead,dso,sym", "-g", "none", "--stdio",
         "--percent-limit", "0"], capture_output=True, text=True, check=True).stdout
    by_owner, by_method = collections.Counter(), collections.Counter()
    for line in report.splitlines():
        match = SAMPLE.match(line)
        if match:
            share, dso, symbol = float(match.group(1)) / 100, match.group(2), match.group(3).strip()
            by_owner[owner(dso, symbol)] += share
            by_method[method_name(symbol)] += share
    return by_owner, by_method


def main(listing, rows=25, methods=25):
    targets = []
    for line in open(listing):
        label, cpu_us, perf_data = line.rstrip("\n").split("\t")
        by_owner, by_method = samples(perf_data)
        us = float(cpu_us)
        targets.append((label, us, {k: v * us for k, v in by_owner.items()}, {k: v * us for k, v in by_method.items()}))
    first, last = targets[0], targets[-1]
    print("| µs per request by owner | " + " | ".join(t[0] for t in targets) + " |")
    print("|---" * (len(targets) + 1) + "|")
    owners = sorted(set().union(*(t[2] for t in targets)), key=lambda k: -last[2].get(k, 0))
    for name in owners[:rows]:
        print(f"| {name} | " + " | ".join(f"{t[2].get(name, 0):.2f}" for t in targets) + " |")
    rest = owners[rows:]
    print("| (the rest) | " + " | ".join(f"{sum(t[2].get(k, 0) for k in rest):.2f}" for t in targets) + " |")
    print("| **total (from /proc)** | " + " | ".join(f"**{t[1]:.1f}**" for t in targets) + " |")
    print()
    print(f"Methods (self time) costing {last[0]} the most above {first[0]}, µs per request:")
    print()
    print(f"| method | {first[0]} | {last[0]} | more |")
    print("|---|---|---|---|")
    gaps = sorted(last[3], key=lambda k: first[3].get(k, 0) - last[3][k])
    for name in gaps[:methods]:
        print(f"| `{name}` | {first[3].get(name, 0):.2f} | {last[3][name]:.2f} | {last[3][name] - first[3].get(name, 0):+.2f} |")


if __name__ == "__main__":
    main(sys.argv[1])
