#!/usr/bin/env bash
# Set up everything Sử liệu needs on a fresh Debian machine: system packages and the
# Python virtual environment in .venv. Safe to run again: it skips what is already there.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh --test   also test tools (Chromium for UI tests, pytest, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TEST=0
[ "${1:-}" = "--test" ] && WITH_TEST=1
PYTHON="${PYTHON:-python3}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Cần quyền root hoặc sudo để cài gói hệ thống." >&2; exit 1; fi
fi

pkgs=(tesseract-ocr tesseract-ocr-vie fonts-dejavu-core)
[ "$WITH_TEST" = 1 ] && pkgs+=(chromium poppler-utils)
# The test run starts a real OpenSearch node in a JVM (scripts/opensearch.sh): Java 17 and Maven.
if [ "$WITH_TEST" = 1 ]; then
  command -v java >/dev/null 2>&1 || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
fi
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || pkgs+=(python3-venv)

missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> Cài gói hệ thống: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$PYTHON" - <<'PY'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"Cần Python 3.11 trở lên (đang có {sys.version.split()[0]}).")
PY

if [ ! -x .venv/bin/python ]; then
  echo "==> Tạo môi trường Python .venv"
  "$PYTHON" -m venv .venv
fi

extra=""
[ "$WITH_TEST" = 1 ] && extra="[test]"
stamp=".venv/.sulieu-installed${extra}"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> Cài thư viện Python${extra:+ (kèm công cụ kiểm thử)}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
  echo "$want" > "$stamp"
fi
