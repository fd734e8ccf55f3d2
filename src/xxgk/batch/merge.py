"""`batch-merge`: the finished schools of several shards' outputs in one folder.

Each shard's output (OUT/schools/<key>/…, OUT/batch.json) is copied into the merged
folder as it is; the table is then built from the merged folder exactly as a single run
builds it from its own, so merging shards 1/N … N/N gives the table of one unsharded run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pydantic import ValidationError

from xxgk.batch.state import BatchInfo, batch_lock, finished, school_folder
from xxgk.batch.summary import check_same_date
from xxgk.errors import InputError
from xxgk.safe_write import write_atomic


def merge_outputs(sources: list[Path], out: Path) -> BatchInfo:
    """Copy every finished school of `sources` into `out`; the merged batch's info."""
    infos = {source: _info(source) for source in sources}
    info = check_same_date(infos)
    owners: dict[str, Path] = {}
    problems = []
    for source in sources:
        if source.resolve() == out.resolve():
            problems.append(f"{source}: 合并结果目录不能是分片之一")
        for done in finished(source):
            first = owners.setdefault(done.key, source)
            if first != source:
                problems.append(f"{source}: 学校 '{done.key}' 已在分片 {first} 中")
    if problems:
        raise InputError(problems)
    with batch_lock(out):
        for key, source in sorted(owners.items()):
            _copy_school(school_folder(source, key), school_folder(out, key))
        write_atomic(out / "batch.json", info.model_dump_json(indent=2).encode("utf-8") + b"\n")
    return info


def _info(source: Path) -> BatchInfo:
    try:
        return BatchInfo.model_validate_json((source / "batch.json").read_bytes())
    except (OSError, ValidationError):
        raise InputError([f"{source}: 不是批量核查的输出目录（缺少 batch.json）"]) from None


def _copy_school(source: Path, target: Path) -> None:
    """Copy beside the target, then swap it in: a reader never sees half a school."""
    staging = target.parent / f".{target.name}.merging"
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(source, staging)
    if target.exists():
        shutil.rmtree(target)
    os.replace(staging, target)
