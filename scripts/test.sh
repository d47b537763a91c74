#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine (if missing), then runs every test.
# Tests that need root, a package or PyTorch fail under CI=true when it is missing, and are skipped elsewhere.
# PyTorch (Debian's python3-torch, python3-torchvision) is the reference the bench tests compare against.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
/usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null || need+=(python3-torch python3-torchvision)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

dotnet test Dashboard.sln --logger "console;verbosity=normal" "$@"
