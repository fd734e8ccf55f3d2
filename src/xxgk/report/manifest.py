"""Which files in a reports folder belong to one run: manifest.json, written last.

Writing a run's reports removes the folder's manifest first and writes the new one after
every file is in place, each atomically. So a run killed at any point (SIGKILL too) leaves
either the previous set with its manifest, or files and no manifest: a reader never takes
a mix of two runs for one (`is_whole`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from xxgk.models import AuditResult
from xxgk.safe_write import write_atomic

MANIFEST = "manifest.json"


def start_set(out: Path) -> None:
    """Before a run's files are written: the folder holds no whole set until `end_set`."""
    (out / MANIFEST).unlink(missing_ok=True)


def end_set(out: Path, result: AuditResult, files: list[Path]) -> Path:
    """After every file is in place: name them, with their SHA-256, and the run."""
    manifest = {
        "school": result.school["name"],
        "as_of": result.as_of.isoformat(),
        "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files},
    }
    path = out / MANIFEST
    write_atomic(path, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
    return path


def is_whole(out: Path) -> bool:
    """Whether the folder holds one run's set: a manifest, and every file it names as named."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        files: dict[str, str] = manifest["files"]
        return all(
            hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
            for name, digest in files.items()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False
