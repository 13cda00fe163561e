#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs the project with every
# dependency pinned by requirements.lock. Re-run whenever either file changes.
set -euo pipefail
cd "$(dirname "$0")/.."
py=$(bash scripts/find_python.sh)
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then
  rm -rf .venv
  "$py" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade "pip<26" "setuptools<71" wheel
.venv/bin/python -m pip install -q -c requirements.lock -e ".[dev]"
touch .venv/.installed
echo "Installed into .venv ($(.venv/bin/python --version))"
