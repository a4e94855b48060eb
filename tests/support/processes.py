"""What a running server's processes look like from outside, through Linux's /proc."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    parent: int
    # Clock ticks after boot: with the pid, tells a restarted process from the one before.
    start_time: int
    command_line: tuple[str, ...]
    environment: dict[str, str]


def read_process(pid: int) -> ProcessInfo | None:
    """The process's identity, command line and environment; None if it is gone."""
    folder = PROC / str(pid)
    try:
        stat = (folder / "stat").read_text()
        command_line = (folder / "cmdline").read_bytes()
        environ = (folder / "environ").read_bytes()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name in parentheses may hold spaces: fields are counted after it.
    fields = stat.rsplit(")", 1)[1].split()
    environment = dict(
        entry.decode(errors="replace").partition("=")[::2]
        for entry in environ.split(b"\0")
        if entry
    )
    return ProcessInfo(
        pid=pid,
        parent=int(fields[1]),
        start_time=int(fields[19]),
        command_line=tuple(part.decode(errors="replace") for part in command_line.split(b"\0")),
        environment=environment,
    )


def session_processes(session_id: int) -> list[ProcessInfo]:
    """Every process of a session: a server started with start_new_session and its children."""
    processes = []
    for folder in PROC.iterdir():
        if not folder.name.isdigit():
            continue
        try:
            fields = (folder / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[3]) == session_id:
            info = read_process(int(folder.name))
            if info is not None:
                processes.append(info)
    return sorted(processes, key=lambda info: info.pid)


def worker_processes(server_pid: int) -> list[ProcessInfo]:
    """The worker processes a server started: its children, but multiprocessing's resource
    tracker, which serves the server and not requests."""
    return [
        process
        for process in session_processes(server_pid)
        if process.parent == server_pid
        and not any("resource_tracker" in part for part in process.command_line)
    ]
