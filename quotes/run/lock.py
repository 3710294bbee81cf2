"""One run per output: an advisory lock (``flock``) on the output and errors files while a run
writes them.

Two runs on one output (a second ``--resume`` started while the first still runs, or the same
command twice) would interleave their lines and checkpoints. The second run finds the lock held
and stops with a one-line error before it reads or writes anything. The lock is the kernel's: it
goes with the process, so a run killed with ``kill -9`` leaves nothing to clean up. Where
``fcntl`` is missing (Windows), runs are not locked.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import QuotesError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


class LockedError(QuotesError):
    """Another run holds the output."""


def _lock(path: Path) -> tuple[int, bool]:
    """An open descriptor of ``path`` holding its lock, and whether the file was made for it."""
    while True:
        created = False
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o666)
                created = True
            except FileExistsError:
                continue  # made by another run just now: open that one
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockedError(
                f"another quotes run is writing {path}; wait for it to end, or write elsewhere"
            ) from None
        # The file may have been removed (by the run that made it, giving up) between the open
        # and the lock: then this lock guards nothing, and the path is opened again.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            return fd, created
        os.close(fd)


@contextlib.contextmanager
def locked(paths: list[Path], keep_created: Callable[[], bool]) -> Iterator[None]:
    """Hold the lock of every regular file in ``paths`` (made if missing) for the block. A file
    made here is removed again unless ``keep_created()`` says the run wrote to it, so that a run
    that stops before it starts leaves no files behind."""
    if fcntl is None:
        yield
        return
    held: list[tuple[Path, int, bool]] = []
    try:
        for path in paths:
            if path.exists() and not path.is_file():
                continue  # a device or pipe: nothing to guard
            fd, created = _lock(path)
            held.append((path, fd, created))
        yield
    finally:
        keep = keep_created()
        for path, fd, created in reversed(held):
            if created and not keep:
                with contextlib.suppress(OSError):
                    path.unlink()
            os.close(fd)
