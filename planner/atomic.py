"""Atomic output: a failed run leaves the previous outputs untouched.

A run writes everything into a staging folder beside the target and swaps it into place at the
end; single files are written to a temporary name and renamed. Readers therefore see either the
old outputs or the new ones, never a mixture.
"""

from __future__ import annotations

import os
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


@contextmanager
def staged_dir(target: Path, keep: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target`` as a whole.

    Names in ``keep`` (e.g. a run log history) are carried over from the old target.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    try:
        yield stage
        for name in keep:
            old = target / name
            if old.exists() and not (stage / name).exists():
                shutil.copy2(old, stage / name)
        os.chmod(stage, 0o777 & ~_umask())
        backup = target.parent / f".{target.name}.old-{os.getpid()}"
        if target.exists():
            os.replace(target, backup)
        os.replace(stage, target)
        shutil.rmtree(backup, ignore_errors=True)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
