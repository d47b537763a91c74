#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine (if missing), then runs every test.
# Tests that need root, a package or PyTorch fail under CI=true when it is missing, and are skipped elsewhere.
# PyTorch (Debian's python3-torch, python3-torchvision) is the reference the bench tests compare against.
# The slurm executor's tests run on a one-node Slurm cluster on this machine, installed and started (as root) by scripts/slurm-one-node.sh.
# The OpenAPI lint test runs the pinned @redocly/cli (below) with Debian's nodejs and npm, from .tools/redocly (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null || need+=(python3-torch python3-torchvision)
command -v npx >/dev/null || need+=(nodejs npm)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

sinfo -h -o %t 2>/dev/null | grep -qE 'idle|mix|alloc' || $SUDO bash scripts/slurm-one-node.sh

REDOCLY_VERSION=1.34.20 # 1.x runs on Debian 12's Node 18 as well as on Node 20
if [ "$(node -p "require('./.tools/redocly/node_modules/@redocly/cli/package.json').version" 2>/dev/null)" != "$REDOCLY_VERSION" ]; then
  npm install --prefix .tools/redocly --no-save --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION"
fi

# The console log is long: on a failure its end repeats which tests failed and why, so a log's tail names them.
log="$(mktemp -t dashboard-tests-XXXXXX.log)"
set +e
dotnet test Dashboard.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "=== failed tests (whole log: $log) ==="
  grep -E '^\s+Failed [A-Za-z_.]+' "$log" || echo "(no test failed: the build or the test host did)"
  echo "=== why ==="
  grep -E -A12 '^\s+Failed [A-Za-z_.]+' "$log" | grep -v '^\s*at ' | head -120
fi
exit "$status"
