"""Train the Rasa model only when its inputs changed.

The inputs are config.yml, domain.yml, data/ and the custom components in
nlu/. Their hash is kept beside the model; a matching hash means the model
in models/ is current and training (minutes on two cores) is skipped.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
MODEL_NAME = "kck"
STAMP = MODELS / "fingerprint.json"
INPUTS = ["config.yml", "domain.yml", "data", "nlu"]


def _content(file: Path) -> bytes:
    """What of a file can change the model: YAML by its parsed data (comments
    and layout do not matter), anything else byte for byte."""
    if file.suffix in {".yml", ".yaml"}:
        return json.dumps(yaml.safe_load(file.read_text("utf-8")), sort_keys=True).encode()
    return file.read_bytes()


def fingerprint() -> str:
    """SHA-256 over the paths and contents of every training input."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(_content(file))
    return digest.hexdigest()


def main() -> int:
    current = fingerprint()
    model = MODELS / f"{MODEL_NAME}.tar.gz"
    stamp = json.loads(STAMP.read_text()) if STAMP.exists() else {}
    if model.exists() and stamp.get("fingerprint") == current:
        print(f"Model is up to date ({model.relative_to(ROOT)}).")
        return 0
    print("Training the Rasa model (data, domain or config changed)...", flush=True)
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "--fixed-model-name",
            MODEL_NAME,
            "--out",
            str(MODELS),
            "--quiet",
        ],
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        print("Training failed.", file=sys.stderr)
        return result.returncode
    seconds = round(time.monotonic() - started, 1)
    STAMP.write_text(json.dumps({"fingerprint": current, "training_seconds": seconds}))
    print(f"Model trained in {seconds} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
