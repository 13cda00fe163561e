#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains how to get one.
# Rasa Open Source 3.6 supports nothing newer, so no other version will do.
set -euo pipefail
candidates=("${KCK_PYTHON:-}" python3.10)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for d in "$root"/versions/3.10*; do candidates+=("$d/bin/python3.10"); done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10 "$HOME/.pyenv/versions/3.10*/bin/python3.10")
for c in "${candidates[@]}"; do
  [ -n "$c" ] || continue
  p=$(command -v "$c" 2>/dev/null || true)
  [ -n "$p" ] || { [ -x "$c" ] && p=$c; } || continue
  [ -n "$p" ] || continue
  if "$p" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$p"; exit 0
  fi
done
cat >&2 <<'MSG'
Python 3.10 was not found (Rasa Open Source 3.6 needs exactly 3.10).
Install it, e.g. with pyenv:  pyenv install 3.10.13
or Debian/Ubuntu:            apt-get install python3.10 python3.10-venv
or point KCK_PYTHON at a python3.10 binary, then run make again.
MSG
exit 1
