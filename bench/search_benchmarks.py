"""All search benchmarks in one command; figures land in bench/results/*.json.

    .venv/bin/python bench/search_benchmarks.py                  # quality, symbols, scale at 20,000 pages
    .venv/bin/python bench/search_benchmarks.py --pages 1000000  # the full scale run (hours on 2 cores)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20_000, help="scale benchmark size")
    ap.add_argument("--grid", action="store_true", help="also score the ranking variants")
    args = ap.parse_args()
    runs = [
        [sys.executable, str(HERE / "search_quality.py")] + (["--grid"] if args.grid else []),
        [sys.executable, str(HERE / "symbol_lookup.py")],
        [sys.executable, str(HERE / "search_scale.py"), "--pages", str(args.pages), "--reindex"],
    ]
    failed = 0
    for cmd in runs:
        print("==>", " ".join(Path(c).name if i < 2 else c for i, c in enumerate(cmd)), flush=True)
        failed += subprocess.call(cmd) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
