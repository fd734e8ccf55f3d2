"""What a self-contained HTML page of ours may run: its own package files and nothing else.

A page inlines one script of its package's `static/` folder; its Content-Security-Policy
allows that script by hash (the script holds no data, so the hash is the same in every
page), inline styles and data: images, and forbids loading or running anything else.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources


def static_text(package: str, name: str) -> str:
    """A file of `package`'s static/ folder."""
    return resources.files(package).joinpath("static", name).read_text(encoding="utf-8")


def content_security_policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
