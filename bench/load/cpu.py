#!/usr/bin/env python3
"""CPU seconds per process tree from /proc: `cpu.py NAME=PID ...` prints one JSON object {NAME: seconds}.
A tree's seconds are its root's user+system time (with the children it has reaped) plus those of its live descendants, so
PostgreSQL's backends count under PostgreSQL. "machine" is the whole machine's busy seconds (all processes, other users' too)."""
import json, os, sys

tick = os.sysconf("SC_CLK_TCK")

def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])

procs = {}
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            procs[int(entry)] = stat(entry)
        except (OSError, IndexError, ValueError):
            pass
children = {}
for pid, (ppid, _, _) in procs.items():
    children.setdefault(ppid, []).append(pid)

def tree(root):
    if root not in procs:
        return 0
    total, stack = procs[root][1] + procs[root][2], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        total += procs[pid][1]
        stack.extend(children.get(pid, []))
    return total

out = {}
for arg in sys.argv[1:]:
    name, pid = arg.split("=", 1)
    out[name] = round(tree(int(pid)) / tick, 2) if pid else None
with open("/proc/stat") as f:
    cpu = [int(v) for v in f.readline().split()[1:]]
out["machine"] = round((sum(cpu) - cpu[3] - cpu[4]) / tick, 2)
print(json.dumps(out))
