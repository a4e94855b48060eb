"""What a server's whole process group (the server and all its workers) uses, from /proc:
peak resident memory, sampled while a load runs, and CPU time consumed over it."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

PROC = Path("/proc")
SAMPLE_SECONDS = 0.1
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Member:
    pid: int
    rss_bytes: int
    cpu_ticks: int  # user + system time so far


def members(group: int) -> list[Member]:
    """The live processes of process group `group`."""
    found = []
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            # The command name, in parentheses, may hold spaces: fields follow its last ')'.
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[2]) != group:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue  # The process ended while we looked.
        rss = next(
            (
                int(line.split()[1]) * 1024
                for line in status.splitlines()
                if line.startswith("VmRSS:")
            ),
            0,
        )
        # Fields 14 and 15 of stat (utime, stime), counted from the state field as 3.
        found.append(Member(int(stat.parent.name), rss, int(fields[11]) + int(fields[12])))
    return found


class GroupUsage:
    """Samples a process group in a thread until the `with` block ends."""

    def __init__(self, group: int) -> None:
        self.group = group
        self.peak_bytes = 0
        self.peak_processes = 0
        self.cpu_seconds = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            current = members(self.group)
            self.peak_bytes = max(self.peak_bytes, sum(member.rss_bytes for member in current))
            self.peak_processes = max(self.peak_processes, len(current))
            if self._stop.wait(SAMPLE_SECONDS):
                return

    def __enter__(self) -> GroupUsage:
        self._cpu_before = {member.pid: member.cpu_ticks for member in members(self.group)}
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
        # A process started during the load counts from zero; one that ended is not counted.
        ticks = sum(
            member.cpu_ticks - self._cpu_before.get(member.pid, 0)
            for member in members(self.group)
        )
        self.cpu_seconds = ticks / CLOCK_TICKS
