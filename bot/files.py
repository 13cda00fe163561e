"""Files of the assistant are its owner's alone: databases, logs, photos, secrets.

Every process of the stack runs with umask 077, so what it creates is 0600
(folders 0700); ``make_private`` tightens a var/ folder made before that
(by an older version, or by a tool run with the usual 022).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077


def make_private(var_dir: Path) -> None:
    """Creates ``var_dir`` if needed and takes group and other access off it and all it
    holds (symlinks are left alone: they may point outside)."""
    var_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in [var_dir, *var_dir.rglob("*")]:
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:  # removed meanwhile (a SQLite journal)
            continue
        if stat.S_ISLNK(mode) or not mode & 0o077:
            continue
        os.chmod(path, stat.S_IMODE(mode) & 0o700)
