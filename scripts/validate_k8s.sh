#!/usr/bin/env bash
# Validates deploy/kubernetes/*.yaml against the Kubernetes API schemas with
# kubernetes-validate (offline schemas of each Kubernetes release). It lives in
# its own venv (.venv-tools): its jsonschema is newer than the one Rasa pins.
# Usage: scripts/validate_k8s.sh [KUBERNETES_VERSION]
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-1.31.0}"
tools=.venv-tools
if [ ! -x "$tools/bin/kubernetes-validate" ]; then
  py=$(bash scripts/find_python.sh)
  "$py" -m venv "$tools"
  log=$(mktemp)
  "$tools/bin/python" -m pip install -q "kubernetes-validate==1.37.0" >"$log" 2>&1 \
    || { cat "$log"; rm -rf "$tools"; exit 1; }
  rm -f "$log"
fi
dir="${KCK_K8S_DIR:-deploy/kubernetes}"
files=$(ls "$dir"/*.yaml | grep -v kustomization.yaml)
# --strict: unknown fields are errors, not ignored.
exec "$tools/bin/kubernetes-validate" --strict -k "$version" $files
