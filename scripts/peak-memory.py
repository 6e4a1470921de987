#!/usr/bin/env python3
"""Peak resident memory of one command, e.g.

    python3 scripts/peak-memory.py target/release/rolecall compare cto product-manager

Reads the kernel's ru_maxrss for the finished child, so it needs nothing installed.
"""
import resource
import subprocess
import sys
import time

if len(sys.argv) < 2:
    sys.exit(__doc__)
start = time.monotonic()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
elapsed = time.monotonic() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"peak RSS {peak_kib / 1024:.1f} MiB, wall {elapsed * 1000:.0f} ms, exit {done.returncode}")
