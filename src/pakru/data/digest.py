"""A file's SHA-256, read in blocks: what the data digest, the build's hashes and the import log
share. Standard library only, so the build's quick path never pays for pandas."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
