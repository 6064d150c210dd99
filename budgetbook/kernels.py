"""A fresh kernel for every notebook, started in a fraction of a second.

Every notebook of a build or a run executes in a kernel of its own, so nothing one
notebook sets (a module's constant, a matplotlib setting, an environment variable, the
working directory, an imported module) can reach another. A kernel's start and the
imports every chapter makes (pandas, matplotlib, the package) cost about two seconds;
paid once per notebook that would slow the build by a third. So, where the system can
fork (Linux), a *template* process imports those modules once and runs nothing
else; each kernel is a fork of it, a copy of a process that has never executed a cell,
which then starts as ``python -m ipykernel_launcher`` would, in the notebook's folder
and with its environment. Elsewhere, and with ``BUDGETBOOK_KERNEL_FORK=0``, each kernel
is started the usual way.

:func:`manager` gives a kernel manager for nbclient or papermill (``km=``); the kernel
it starts is a fork of the template of this process (:class:`Template`, started on
first use, ended with the process).
"""
from __future__ import annotations

import atexit
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

from jupyter_client.provisioning.local_provisioner import LocalProvisioner

KERNEL = "python3"
# Quiet the kernel's own log: jupyter_client interrupts every kernel before shutting it
# down, which ipykernel logs as "KeyboardInterrupt caught in kernel" on a clean run, and
# it warns about TCP on localhost. A notebook's errors still come back through its cells.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]
FORK_ENV = "BUDGETBOOK_KERNEL_FORK"
# What the template imports before it forks: what a kernel and the book's notebooks import
# anyway. Importing has no effect a fresh kernel would not have; nothing here runs a cell.
# Not the inline backend itself: it hooks into the IPython shell, which exists only once
# the kernel has started (pyplot loads it on the first figure).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "numpy", "pandas",
           "matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg", "matplotlib.pyplot",
           "budgetbook.loading", "budgetbook.indicators",
           "budgetbook.views", "budgetbook.overview", "budgetbook.pages",
           "budgetbook.commentary", "budgetbook.style")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def forking() -> bool:
    """Whether kernels are forked from a template: on Linux, unless $BUDGETBOOK_KERNEL_FORK
    is 0 (the usual start, one interpreter per kernel)."""
    return sys.platform.startswith("linux") and os.environ.get(FORK_ENV, "1") != "0"


class _Forked:
    """A forked kernel seen as the :class:`subprocess.Popen` jupyter_client expects. The
    template reaps its children, so a kernel that exited is gone from the process table."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # its status went with the template's reaping
        return self.returncode

    def wait(self, timeout=None):
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum):
        os.kill(self.pid, signum)

    def terminate(self):
        self.send_signal(signal.SIGTERM)

    def kill(self):
        self.send_signal(signal.SIGKILL)


# The template's program. Its imports resolve as in a kernel: without the folder Python
# puts first on sys.path (a kernel's own folder comes first there: _shadowed checks it).
_TEMPLATE_MAIN = "import sys; del sys.path[0]; from budgetbook.kernels import _serve; _serve()"


class Template:
    """A process that has imported :data:`PRELOAD` and forks a kernel on request."""

    def __init__(self):
        # this process's environment: what every kernel's differs from is set at the fork
        self._process = subprocess.Popen([sys.executable, "-c", _TEMPLATE_MAIN],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._lock = threading.Lock()
        self._ready = False

    def fork(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        """Start a kernel (``argv``: ``python -m ipykernel_launcher -f <file> ...``) in
        ``cwd`` with exactly ``env``; its process id."""
        request = json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n"
        with self._lock:
            if not self._ready:
                self._read()  # the template says it has imported what it preloads
                self._ready = True
            self._process.stdin.write(request.encode())
            self._process.stdin.flush()
            return int(self._read()["pid"])

    def _read(self) -> dict:
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the kernel template process ended")
        return json.loads(line)

    def close(self) -> None:
        """End the template (its kernels are ended by their managers)."""
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()


_TEMPLATE: dict[int, Template] = {}
_TEMPLATE_LOCK = threading.Lock()


def template() -> Template:
    """This process's template, started on first use and ended when the process ends."""
    with _TEMPLATE_LOCK:
        current = _TEMPLATE.get(os.getpid())
        if current is None or current._process.poll() is not None:
            current = _TEMPLATE[os.getpid()] = Template()
            atexit.register(current.close)
        return current


def close_template() -> None:
    """End this process's template now (a build ends it when its notebooks are done)."""
    with _TEMPLATE_LOCK:
        current = _TEMPLATE.pop(os.getpid(), None)
    if current is not None:
        current.close()


def _shadowed(cwd: str) -> bool:
    """Whether the folder holds a module named like one the template preloads: a kernel
    started there would import that one instead, so it must start the usual way."""
    return any(os.path.exists(os.path.join(cwd, name.split(".")[0] + suffix))
               for name in PRELOAD for suffix in (".py", ""))


class ForkedProvisioner(LocalProvisioner):
    """Launches the kernel as a fork of the template when the command is this
    interpreter's ipykernel (any other kernel, or a folder that would shadow a preloaded
    module, the usual way)."""

    async def launch_kernel(self, cmd, **kwargs):
        cwd = str(kwargs.get("cwd") or os.getcwd())
        if cmd[:3] != [sys.executable, "-m", "ipykernel_launcher"] or _shadowed(cwd):
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it
        pid = template().fork(list(cmd), cwd, env)
        self.process = _Forked(pid)
        self.pid = self.pgid = pid  # the kernel leads a process group of its own
        self.cwd = cwd
        return self.connection_info


# A kernel launched ahead, per folder, for the next notebook this process runs there.
_SPARE: dict[str, object] = {}


@contextlib.contextmanager
def fresh(kernel_name: str = KERNEL, cwd: str | None = None):
    """A kernel manager from :func:`manager` for one notebook (``km=`` of nbclient or
    papermill, which leave a kernel they did not start running); its kernel is ended on
    leaving the block.

    With ``cwd``, the kernel is one launched ahead in that folder when there is one (it
    has run nothing), and on leaving, the next one is launched there, with this process's
    environment, so that it starts while this process does other work."""
    from jupyter_core.utils import run_sync

    km = _SPARE.pop(cwd, None) if cwd else None
    if km is None or not run_sync(km.is_alive)():
        km = manager(kernel_name)
    try:
        yield km
    finally:
        run_sync(stopped)(km)
        if cwd and forking():
            spare = manager(kernel_name)
            try:
                run_sync(spare.start_kernel)(cwd=cwd, extra_arguments=KERNEL_ARGS)
                _SPARE[cwd] = spare
            except RuntimeError:
                pass  # the next notebook starts its own


def end_spares() -> None:
    """End the kernels launched ahead that no notebook took."""
    from jupyter_core.utils import run_sync

    while _SPARE:
        run_sync(stopped)(_SPARE.popitem()[1])


async def started(cwd: str, env: dict[str, str], kernel_name: str = KERNEL,
                  attempts: int = 3):
    """A fresh kernel, started in ``cwd`` with ``env`` and ready: its manager and a client
    whose channels are open. Awaited beside a running notebook, the next one's kernel
    starts while the current one computes."""
    for attempt in range(attempts):  # kernels started together can race for ports
        km = manager(kernel_name)
        try:
            await km.start_kernel(cwd=cwd, env=env, extra_arguments=KERNEL_ARGS)
            kc = km.client()
            kc.start_channels()
            await kc.wait_for_ready(timeout=60)
            return km, kc
        except RuntimeError:
            await stopped(km)
            if attempt == attempts - 1:
                raise


async def stopped(km, kc=None) -> None:
    """End a kernel from :func:`manager` (a forked one at once: its outputs are all in)
    and remove its connection file."""
    if kc is not None:
        kc.stop_channels()
    if not km.has_kernel:
        return
    if isinstance(km.provisioner, ForkedProvisioner):
        await km.provisioner.kill()  # the template reaps it: nothing to wait for
        await km.cleanup_resources()
    else:
        await km.shutdown_kernel(now=True)


def manager(kernel_name: str = KERNEL):
    """A kernel manager (jupyter_client's AsyncKernelManager) whose kernel, once started,
    is a fresh one of its own: forked from the template where :func:`forking`, else
    started as usual. One manager, one kernel, one notebook."""
    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(kernel_name=kernel_name)
    if forking():
        km.provisioner = ForkedProvisioner(kernel_id=km.kernel_id or "",
                                           kernel_spec=km.kernel_spec, parent=km)
    return km


# ---- the template process ----------------------------------------------------------------

def _serve() -> None:
    """Import what the kernels would, then fork a kernel for each request on stdin."""
    # The replies go on a copy of stdout; stdout itself is pointed at stderr, so that
    # nothing an import prints can be read as a reply.
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    # What ipykernel sets before any cell runs, so that matplotlib, imported here, picks
    # the inline backend as it would in the kernel.
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  the kernel imports it itself, and reports
            pass
    # Children are reaped as they exit: a kernel that ended leaves no zombie behind.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in sys.stdin.buffer:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _become_kernel(request)
            finally:
                os._exit(code)
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()


def _become_kernel(request: dict) -> int:
    """In the forked child: become the kernel ``python -m ipykernel_launcher`` would start."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()  # a process group of its own, as jupyter_client starts a kernel
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # the kernel's own output to the build's stderr, not to the request pipe
    os.closerange(3, 65536)  # no descriptor of the template's (its pipes) stays open
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    # Seeded again: a copy of the template would otherwise draw the same "random" numbers
    # in every kernel.
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
    import ipykernel_launcher
    from ipykernel import kernelapp

    argv = request["argv"][3:]
    # ipykernel reads $JPY_PARENT_PID when it is imported (the template's, which has none):
    # the same value as configuration, so the kernel ends if the build does
    if "JPY_PARENT_PID" in request["env"]:
        argv.append(f"--IPKernelApp.parent_handle={int(request['env']['JPY_PARENT_PID'])}")
    sys.argv = [ipykernel_launcher.__file__, *argv]
    try:
        kernelapp.launch_new_instance(argv=argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0

