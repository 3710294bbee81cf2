"""A pool of worker processes that parse batches of texts, for ``n_process > 1``.

Why not spaCy's ``nlp.pipe(n_process=N)``: after Ctrl-C it hangs joining its queues, a worker
killed by the kernel hangs it for good, workers outlive a parent killed with ``kill -9``, and a
batch that raises is lost whole. Here:

- each worker holds the pipeline once (inherited through fork on Linux, else made by a
  picklable ``loader``, such as ``partial(load, model, scope)``);
- at most as many workers as CPUs are started, and only as batches come (three texts in one
  batch start one worker); ``note`` is told when fewer ran than asked;
- each worker has at most one batch, and at most ``2 * N`` batches are pending, so memory is flat;
- results come back in input order; a batch that raises is redone text by text in the worker;
- a worker that dies (killed, out of memory) is replaced; its batch is redone one text at a time
  and a text that kills a worker again fails with the reason;
- workers ignore SIGINT; on Ctrl-C, SIGTERM, an error or the consumer closing the generator the
  pool terminates them (SIGTERM, then SIGKILL after ``STOP_GRACE`` seconds);
- workers die with their parent: PR_SET_PDEATHSIG on Linux, a thread watching the parent pid
  elsewhere;
- a worker is started with SIGTERM blocked until it has set its own handler, so one stopped
  while starting dies quietly instead of running the parent's handler.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import QuotesError

# (pipeline, texts) -> one result per text; must not raise (quotes.run.pipeline.run_batch).
Work = Callable[[Any, list[str]], list[Any]]
# () -> the pipeline, in a worker that cannot inherit it (no fork); must pickle.
Loader = Callable[[], Any]

# Seconds a terminated worker gets to exit before it is killed.
STOP_GRACE = 1.0
# How often the fallback watcher checks that the parent is alive.
WATCH_SECONDS = 1.0
# Worker deaths tolerated in a row without any finished batch before the pool gives up.
MAX_DEATHS_IN_A_ROW = 8
PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    """Make sure this worker does not outlive ``parent_pid``."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:

        def watch() -> None:
            while os.getppid() == parent_pid:
                time.sleep(WATCH_SECONDS)
            os._exit(1)

        threading.Thread(target=watch, name="quotes-parent-watch", daemon=True).start()


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _worker_main(conn: Connection, work: Work, nlp: Any, loader: Loader | None, parent_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # blocked by _spawn
    _die_with_parent(parent_pid)
    if nlp is None:
        assert loader is not None  # WorkerPool checks: without fork, a loader is required
        nlp = loader()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job_id, texts = message
        conn.send((job_id, work(nlp, texts)))


@dataclass
class _Slot:
    """One batch in input order, filled in as its jobs finish."""

    items: list[Any]
    results: list[Any] = field(default_factory=list)
    missing: int = 0


@dataclass
class _Job:
    slot: _Slot
    indices: list[int]  # positions in the slot's batch
    retried: bool = False  # a re-run after a worker died on a larger job


@dataclass
class _Worker:
    process: Any
    conn: Connection
    job: _Job | None = None
    job_id: int = -1


class WorkerPool:
    """Runs ``work`` over batches on ``n_process`` processes; see the module docstring.

    ``run(batches)`` takes batches of items with a ``text`` (str) and an ``error`` (an item with
    an error is passed on as the text "", i.e. not parsed) and yields ``(item, result)`` in input
    order. One pool serves one ``run``. ``n_process`` is capped at the CPUs available.
    """

    def __init__(
        self,
        nlp: Any,
        n_process: int,
        work: Work,
        max_pending: int | None = None,
        start_method: str | None = None,
        loader: Loader | None = None,
        note: Callable[[str], None] | None = None,
    ):
        if n_process < 1:
            raise ValueError("n_process must be at least 1")
        self.nlp = nlp
        self.asked = n_process
        self.n_process = min(n_process, available_cpus())
        self.note = note
        self.most = 0  # most workers running at once
        self.batches = 0
        self.work = work
        self.max_pending = max_pending or 2 * self.n_process
        if start_method is None:
            start_method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(start_method)
        self.inherit = self.context.get_start_method() == "fork"
        if not self.inherit and loader is None:
            raise QuotesError("n_process > 1 without fork needs a loader for the workers' pipeline")
        self.loader = loader
        self.workers: list[_Worker] = []
        self._next_id = 0

    # -- processes -------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        ours, theirs = self.context.Pipe(duplex=True)
        # typeshed's BaseContext lacks Process; every concrete start-method context has it.
        process = self.context.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(theirs, self.work, self.nlp if self.inherit else None, None if self.inherit else self.loader, os.getpid()),
            name="quotes-worker",
            daemon=True,
        )
        # Until the worker sets its own handler it runs the parent's, which raises SystemExit
        # ("Exception ignored ..." on stderr when the pool stops it that early): SIGTERM waits.
        if not hasattr(signal, "pthread_sigmask"):
            process.start()
        else:
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            try:
                process.start()
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        theirs.close()
        return _Worker(process, ours)

    def close(self, graceful: bool = False) -> None:
        """Stop every worker: ask (graceful) or terminate, then kill whatever is left."""
        for worker in self.workers:
            if graceful:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            else:
                worker.process.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(STOP_GRACE)
            worker.conn.close()
        self.workers = []

    # -- scheduling ------------------------------------------------------------------------

    def _send(self, worker: _Worker, job: _Job) -> None:
        items = [job.slot.items[i] for i in job.indices]
        texts = [item.text if item.error is None else "" for item in items]
        self._next_id += 1
        worker.job, worker.job_id = job, self._next_id
        with contextlib.suppress(OSError):  # it died: its sentinel reports it
            worker.conn.send((worker.job_id, texts))

    def _finish(self, job: _Job, results: list[Any]) -> None:
        for index, result in zip(job.indices, results):
            job.slot.results[index] = result
        job.slot.missing -= len(job.indices)

    def _lost(self, worker: _Worker, retry: deque[_Job]) -> None:
        """``worker`` died: redo its job text by text (the death may be another text's or the
        kernel's doing); a text that was already alone when its worker died fails, with the reason."""
        job, worker.job = worker.job, None
        if job is None:
            return
        if len(job.indices) > 1 or not job.retried:
            retry.extendleft(reversed([_Job(job.slot, [i], retried=True) for i in job.indices]))
            return
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        self._finish(job, [([], f"WorkerDied: the worker process parsing this text died ({how}; out of memory?)")])

    def run(self, batches: Iterable[list[Any]]) -> Iterator[tuple[Any, Any]]:
        source = iter(batches)
        exhausted = False
        slots: deque[_Slot] = deque()
        retry: deque[_Job] = deque()
        deaths = 0
        completed = False
        previous_term = self._catch_sigterm()

        def next_job() -> _Job | None:
            nonlocal exhausted
            if retry:
                return retry.popleft()
            if exhausted or len(slots) >= self.max_pending:
                return None
            batch = next(source, None)
            if batch is None:
                exhausted = True
                return None
            self.batches += 1
            slot = _Slot(list(batch), [None] * len(batch), len(batch))
            slots.append(slot)
            return _Job(slot, list(range(len(batch))))

        try:
            self.workers = []
            while True:
                # Every idle worker gets a job; a worker is started only for a job to do.
                while True:
                    idle = next((w for w in self.workers if w.job is None), None)
                    if idle is None and len(self.workers) >= self.n_process:
                        break
                    job = next_job()
                    if job is None:
                        break
                    if idle is None:
                        idle = self._spawn()
                        self.workers.append(idle)
                        self.most = max(self.most, len(self.workers))
                    self._send(idle, job)
                if slots and slots[0].missing == 0:
                    slot = slots.popleft()
                    yield from zip(slot.items, slot.results)
                    continue  # refill the worker that finished before waiting again
                if exhausted and not slots:
                    completed = True
                    return
                busy = {w.conn: w for w in self.workers if w.job is not None}
                if not busy and not retry:
                    raise QuotesError("worker pool stalled with pending batches")  # a bug, not a hang
                sentinels = {w.process.sentinel: w for w in self.workers}
                ready = wait(list(busy) + list(sentinels))
                for handle in ready:
                    worker = busy.get(handle)  # type: ignore[call-overload]
                    if worker is None or worker.job is None:
                        continue
                    try:
                        job_id, results = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(STOP_GRACE)  # died: its sentinel is ready next round
                        continue
                    if job_id == worker.job_id:
                        self._finish(worker.job, results)
                        worker.job = None
                        deaths = 0
                for handle in ready:
                    dead = sentinels.get(handle)  # type: ignore[call-overload]
                    if dead is None:
                        continue
                    dead.process.join(STOP_GRACE)
                    deaths += 1
                    if deaths > MAX_DEATHS_IN_A_ROW:
                        raise QuotesError(
                            f"worker processes keep dying (last exit code {dead.process.exitcode})"
                        )
                    self._lost(dead, retry)
                    dead.conn.close()
                    self.workers.remove(dead)  # its job is redone by a worker started for it
        finally:
            # Interrupted (Ctrl-C, SIGTERM, an error, the consumer closing the generator):
            # terminate at once. Finished: let the workers exit on their own.
            self.close(graceful=completed)
            self._restore_sigterm(previous_term)
            if completed and self.note is not None and self.most < self.asked:
                self.note(self._fewer())

    def _fewer(self) -> str:
        """Why fewer workers ran than were asked for."""
        ran = f"{self.most} worker process{'es' if self.most != 1 else ''} ran, not {self.asked}"
        if self.n_process < self.asked and self.most == self.n_process:
            return f"{ran}: this machine has {self.n_process} CPU{'s' if self.n_process != 1 else ''}"
        return f"{ran}: the input made {self.batches} batch{'es' if self.batches != 1 else ''}"

    # -- SIGTERM ---------------------------------------------------------------------------

    @staticmethod
    def _catch_sigterm() -> Any:
        """While the pool runs, SIGTERM raises SystemExit in the parent so that the pool (and
        open files) are closed; only from the main thread, only over the default handler."""
        if threading.current_thread() is not threading.main_thread():
            return None
        if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
            return None

        def stop(signum: int, frame: Any) -> None:
            raise SystemExit(128 + signum)

        signal.signal(signal.SIGTERM, stop)
        return signal.SIG_DFL

    @staticmethod
    def _restore_sigterm(previous: Any) -> None:
        if previous is not None and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)
