"""Peak memory of the current process (stdlib only: the start-up floor imports it too)."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's own peak resident set size in MB.

    Linux's VmHWM belongs to the process image, so it starts afresh at exec; ``ru_maxrss``
    would also count the parent's size at fork, so it is only the fallback.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
