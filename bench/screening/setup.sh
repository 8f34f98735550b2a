#!/usr/bin/env bash
# Builds the benchmark's own virtualenv with the OpenSanctions matcher (nomenklatura logic-v2),
# used only as the anchor of bench/screening/run.py. Kept apart from the project's environment:
# nomenklatura pulls ~600 MB of dependencies and pyicu must be compiled against the system ICU.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
if ! pkg-config --exists icu-uc 2>/dev/null; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libicu-dev pkg-config g++
  else
    echo "system ICU not found: run 'apt-get install -y libicu-dev pkg-config g++' as root" >&2
    exit 1
  fi
fi
"$python" -m venv "$here/.venv"
"$here/.venv/bin/pip" install -q --upgrade pip wheel
"$here/.venv/bin/pip" install -q pyicu "nomenklatura>=4.13" "iuliia>=0.10"
"$here/.venv/bin/python" -c "from nomenklatura.matching import get_algorithm; print('anchor ready:', get_algorithm('logic-v2').NAME)"
