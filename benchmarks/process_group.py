"""Peak resident memory of a process group (a server and all its workers), sampled from /proc."""

from __future__ import annotations

import threading
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")
SAMPLE_SECONDS = 0.1


def group_rss(group: int) -> tuple[int, int]:
    """Total resident bytes and number of the live processes in process group `group`."""
    total = processes = 0
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            # The command name, in parentheses, may hold spaces: fields follow its last ')'.
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[2]) != group:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue  # The process ended while we looked.
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
                processes += 1
    return total, processes


class PeakRss:
    """Samples a process group's resident memory in a thread until the `with` block ends."""

    def __init__(self, group: int) -> None:
        self.group = group
        self.peak_bytes = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            rss, processes = group_rss(self.group)
            self.peak_bytes = max(self.peak_bytes, rss)
            self.peak_processes = max(self.peak_processes, processes)
            if self._stop.wait(SAMPLE_SECONDS):
                return

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
