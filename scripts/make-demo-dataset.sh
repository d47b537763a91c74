#!/usr/bin/env bash
# Regenerates the committed demo dataset (Dashboard.Training/DemoData/fashion-mnist-demo) from the Debian
# package dataset-fashion-mnist: per class, the first 100 train and the first 30 test images, as 28×28 PNGs.
# Deterministic: the same package gives byte-identical files. Extra arguments go to the tool (see MakerOptions).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  echo "Needs the Debian package dataset-fashion-mnist: apt-get install dataset-fashion-mnist" >&2
  exit 1
fi
version="$(dpkg-query -W -f='${Version}' dataset-fashion-mnist 2>/dev/null || echo unknown)"

dotnet run --project tools/DemoDatasetMaker -- \
  --source /usr/share/datasets/fashion-mnist \
  --output Dashboard.Training/DemoData/fashion-mnist-demo \
  --package-version "$version" "$@"
