"""Writing files so that a reader never sees half of one (reports, history, cache)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file.

    `durable` also flushes the data to disk before the rename, so that a power cut cannot
    leave an empty file behind; a cache, which can lose an entry, skips that cost.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file private (0600); keep the old file's mode, else rw-r--r--
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
