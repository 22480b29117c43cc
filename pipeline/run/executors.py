"""Where per-file tasks run: a local pool that survives crashing and hanging files, or a Dask cluster.

Both are `concurrent.futures.Executor`s (submit → Future). The stock ProcessPoolExecutor cannot stop one hung
task, and one dead worker breaks the whole pool; the local pool here keeps N worker processes, gives each one
task at a time, watches the wall time of each task, and kills and replaces a worker that overruns or dies,
failing only that task's future.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from jigong.pipeline.errors import JigongError


class WorkerLost(Exception):
    """The worker process running the task died (crashed, was killed, ran out of memory)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(exitcode)
        self.exitcode = exitcode

    def __str__(self) -> str:
        if self.exitcode is not None and self.exitcode < 0:
            try:
                return f"处理进程被信号 {signal.Signals(-self.exitcode).name} 终止"
            except ValueError:
                pass
        return f"处理进程异常退出（退出码 {self.exitcode}）"


class TaskTimedOut(Exception):
    """The task ran past the pool's hard time limit; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self) -> str:
        return f"处理时间超过{self.seconds:g}秒，处理进程已被终止"


READY = ("ready", None)  # a worker's first message: started, limits set, warmed up; its tasks' clocks start now


def _worker_main(conn: Connection, memory_mb: int | None, initializer: Callable[[], None] | None) -> None:
    """A worker process: one task at a time from the pipe, its result or exception back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    if memory_mb:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    if initializer is not None:
        initializer()
    conn.send(READY)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        fn, args, kwargs = item
        try:
            message: tuple[bool, Any] = (True, fn(*args, **kwargs))
        except BaseException as exc:
            message = (False, exc)
        try:
            conn.send(message)
        except Exception as exc:  # an unpicklable result or exception is still reported, as text
            conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the parent dies, even by SIGKILL (no file is read on for nobody)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: a worker still ends when its pipe closes, after its task
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


@dataclass
class _Slot:
    process: Any
    conn: Connection
    future: Future[Any] | None = None
    started: float = 0.0
    ready: bool = False


class LocalPool(Executor):
    """N worker processes, one task each at a time; a task past `hard_limit` seconds is killed with its worker.

    Workers start on first use and are replaced after a crash or a kill; a worker's heavy state (the
    extractor, the OCR engine) lives as long as the worker does.
    """

    def __init__(
        self,
        workers: int,
        hard_limit: float | None = None,
        memory_mb: int | None = None,
        initializer: Callable[[], None] | None = None,
        start_method: str = "spawn",
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.initializer = initializer
        self._failed_starts = 0
        self.hard_limit = hard_limit
        self.memory_mb = memory_mb
        self._ctx: Any = mp.get_context(start_method)
        self._pending: deque[tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = deque()
        self._slots: list[_Slot] = []
        self._lock = threading.Lock()
        self._closing = False
        self._wake_r, self._wake_w = os.pipe()
        self._thread: threading.Thread | None = None
        self.started = 0  # worker processes started, replacements included

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        with self._lock:
            if self._closing:
                raise RuntimeError("cannot submit after shutdown")
            self._pending.append((future, fn, args, kwargs))
            if self._thread is None:
                self._thread = threading.Thread(target=self._manage, name="jigong-pool", daemon=True)
                self._thread.start()
        self._wake()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._closing = True
            if cancel_futures:
                while self._pending:
                    self._pending.popleft()[0].cancel()
            thread = self._thread
        self._wake()
        if wait and thread is not None:
            thread.join()
        if thread is None or wait:
            for fd in (self._wake_r, self._wake_w):
                with suppress(OSError):
                    os.close(fd)

    def terminate(self) -> None:
        """Stop at once (Ctrl-C, a failure in the parent): waiting tasks are cancelled, running ones killed."""
        with self._lock:
            self._closing = True
            while self._pending:
                self._pending.popleft()[0].cancel()
            slots = list(self._slots)
            thread = self._thread
        for slot in slots:
            with suppress(OSError, ValueError):
                slot.process.kill()
        self._wake()
        if thread is not None:
            thread.join(10)

    def _wake(self) -> None:
        with suppress(OSError):
            os.write(self._wake_w, b"x")

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, self.memory_mb, self.initializer), daemon=True)
        process.start()
        child.close()
        self.started += 1
        return _Slot(process=process, conn=parent)

    def _retire(self, slot: _Slot, kill: bool) -> None:
        if kill and slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        slot.conn.close()
        self._slots.remove(slot)

    def _dispatch(self) -> None:
        with self._lock:
            # Start workers for the waiting tasks (up to the pool's size); a task goes to a worker once it is ready.
            starting = sum(not s.ready for s in self._slots)
            while len(self._slots) < self.workers and starting < len(self._pending):
                self._slots.append(self._start())
                starting += 1
            while self._pending:
                idle = next((s for s in self._slots if s.ready and s.future is None), None)
                if idle is None:
                    return
                future, fn, args, kwargs = self._pending.popleft()
                if not future.set_running_or_notify_cancel():
                    continue
                slot = idle
                try:
                    slot.conn.send((fn, args, kwargs))
                except Exception as exc:  # the task itself cannot be pickled: only its future fails
                    future.set_exception(exc)
                    continue
                slot.future, slot.started = future, time.monotonic()

    def _manage(self) -> None:
        while True:
            self._dispatch()
            with self._lock:
                if self._closing and not self._pending and all(s.future is None for s in self._slots):
                    break
            timeout = 1.0
            now = time.monotonic()
            if self.hard_limit is not None:
                for slot in self._slots:
                    if slot.future is not None:
                        timeout = min(timeout, max(0.0, slot.started + self.hard_limit - now))
            ready = wait(
                [self._wake_r, *(s.conn for s in self._slots), *(s.process.sentinel for s in self._slots)], timeout
            )
            if self._wake_r in ready:
                os.read(self._wake_r, 4096)
            for slot in list(self._slots):
                self._check(slot, ready)
        for slot in list(self._slots):
            with suppress(OSError):
                slot.conn.send(None)
            self._retire(slot, kill=False)

    def _check(self, slot: _Slot, ready: list[Any]) -> None:
        if slot.conn in ready:
            try:
                ok, value = slot.conn.recv()
            except (EOFError, OSError):
                ok, value = None, None
            if (ok, value) == READY and not slot.ready:
                slot.ready, self._failed_starts = True, 0
                return
            if ok is not None:
                future, slot.future = slot.future, None
                if future is not None:
                    future.set_result(value) if ok else future.set_exception(value)
                return
        if slot.process.sentinel in ready or not slot.process.is_alive():
            slot.process.join(5)
            if slot.future is not None:
                slot.future.set_exception(WorkerLost(slot.process.exitcode))
                slot.future = None
            elif not slot.ready:
                self._failed_starts += 1
                if self._failed_starts >= 3:  # workers die as they start: fail what waits rather than loop
                    with self._lock:
                        while self._pending:
                            future = self._pending.popleft()[0]
                            if future.set_running_or_notify_cancel():
                                future.set_exception(WorkerLost(slot.process.exitcode))
            self._retire(slot, kill=True)
            return
        overrun = self.hard_limit is not None and time.monotonic() - slot.started > self.hard_limit
        if slot.future is not None and overrun:
            slot.future.set_exception(TaskTimedOut(self.hard_limit or 0.0))
            slot.future = None
            self._retire(slot, kill=True)


@contextmanager
def dask_executor(address: str, timeout: float = 20) -> Iterator[Executor]:
    """An Executor on a Dask cluster (`tcp://HOST:8786`); the workers must see the batch at the same path."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise JigongError(
            "使用 --scheduler 需要 dask 分布式组件，本机尚未安装；请执行 pip install 'dask[distributed]' 后重试。"
        ) from exc
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise JigongError(f"无法连接 Dask 调度器 {address}（{exc}），请检查地址和网络。") from exc
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover — not Linux
        return max(1, os.cpu_count() or 1)
