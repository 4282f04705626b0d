"""Atomic output: a failed or killed run leaves the previous outputs in place.

A run writes everything into a staging folder beside the target and swaps it into place at the
end; single files are written to a temporary name and renamed. Readers therefore see either the
old outputs or the new ones, never a mixture — and never nothing:

* On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``: the target's name points at the old
  folder until, in one step, it points at the new one. Where the call is missing (another
  system, a file system without it) two renames do the swap; a run killed between them leaves
  the previous outputs at ``.<name>.old-<pid>``, and :func:`recover` — called by the next run
  before it stages anything — puts them back.
* Staging folders are named ``.<name>.staging-<pid>-…``: those of runs that no longer exist
  (killed midway) are removed by the next run; a live run's are left alone.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ------------------------------------------------------------------------ the swap

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():  # noqa: ANN202 — the libc function, or None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2() if os.name == "posix" else None


def exchange(a: Path, b: Path) -> bool:
    """Swap the names of ``a`` and ``b`` in one step; ``False`` when this system cannot (then
    nothing happened)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not here
        return False
    raise OSError(errno, os.strerror(errno), str(a), None, str(b))


def _swap(stage: Path, target: Path) -> None:
    """Put ``stage`` in ``target``'s place; the old folder, if any, is removed afterwards."""
    if not target.exists():
        os.replace(stage, target)
        return
    if exchange(stage, target):
        shutil.rmtree(stage, ignore_errors=True)  # it holds the old outputs now
        return
    backup = target.parent / f".{target.name}.old-{os.getpid()}"
    os.replace(target, backup)
    os.replace(stage, target)  # killed between these two: recover() puts the backup back
    shutil.rmtree(backup, ignore_errors=True)


# ------------------------------------------------------------------------ leftovers of killed runs

def _leftover(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name)}\.(staging|old)-(\d+)(-.*)?")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process: leave its folders alone
    return True


def recover(target: Path) -> None:
    """Undo what killed runs left beside ``target``: when the target is missing, the newest
    previous outputs a half-done swap set aside become the target again; then staging and
    set-aside folders of runs that no longer exist are removed."""
    target = Path(target)
    parent = target.parent
    if not parent.is_dir():
        return
    pattern = _leftover(target)
    dead: list[tuple[str, int, Path]] = []
    for entry in parent.iterdir():
        m = pattern.fullmatch(entry.name)
        if m is not None and not _alive(int(m[2])):
            dead.append((m[1], int(m[2]), entry))
    if not target.exists():
        backups = sorted((p.stat().st_mtime, p) for kind, _, p in dead if kind == "old")
        if backups:
            os.replace(backups[-1][1], target)
    for _, _, entry in dead:
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def staged_dir(target: Path, keep: tuple[str, ...] = (), mode: int | None = None) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target`` as a whole.

    Names in ``keep`` (e.g. a run log history) are carried over from the old target. ``mode``
    sets the new folder's permissions (default: what the umask allows, as for ``mkdir``).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    stage = Path(tempfile.mkdtemp(dir=target.parent,
                                  prefix=f".{target.name}.staging-{os.getpid()}-"))
    try:
        yield stage
        for name in keep:
            old = target / name
            if old.exists() and not (stage / name).exists():
                shutil.copy2(old, stage / name)
        os.chmod(stage, 0o777 & ~_umask() if mode is None else mode)
        _swap(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
