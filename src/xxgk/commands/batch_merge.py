"""`xxgk batch-merge DIR... --out DIR`: the shards' outputs of `xxgk batch --shard I/N`
in one folder, and one table across all their schools."""

from __future__ import annotations

from pathlib import Path

from xxgk.batch.merge import merge_outputs
from xxgk.batch.summary import BatchSummary
from xxgk.commands.batch import write_summary


def run(sources: list[Path], out: Path, *, quiet: bool) -> BatchSummary:
    info = merge_outputs(sources, out)
    return write_summary(out, info, None, quiet=quiet)
