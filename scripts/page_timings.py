"""Time each dashboard page's script run on a database (default: a copy of the demo).

    python scripts/page_timings.py [--db FILE] [--runs 5]

Each page runs once to warm DuckDB and the app's caches, then `--runs` more times; the median
warm run is printed per page with the 0.5 s target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["ringkasan", "kinerja", "kompetensi", "pengaduan", "perbandingan"]
TARGET_S = 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from streamlit.testing.v1 import AppTest

    from asn_analytics.synthetic import demo

    work = Path(tempfile.mkdtemp(prefix="page-timings-"))
    path = work / "asn.duckdb"
    if args.db:
        shutil.copyfile(args.db, path)
    else:
        demo.build(path)
    os.environ["ASN_DB"] = str(path)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    print(f"{'page':<14}{'first s':>9}{'warm s':>9}  target {TARGET_S} s")
    worst = 0.0
    for page in PAGES:
        started = time.perf_counter()
        app.switch_page(f"app_pages/{page}.py").run()
        first = time.perf_counter() - started
        if app.exception:
            print(f"{page}: {app.exception[0].message}")
            return 1
        warm = []
        for _ in range(args.runs):
            started = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - started)
        median = statistics.median(warm)
        worst = max(worst, median)
        status = "ok" if median <= TARGET_S else "SLOW"
        print(f"{page:<14}{first:>9.2f}{median:>9.2f}  {status}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
