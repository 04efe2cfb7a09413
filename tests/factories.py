"""Small builders for test rows, and a Python script run in a process of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def run_script(script: str, *args: object, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run `script` with `python -c` from the project root, for a process a test kills or limits."""
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def nip(birth: str = "19800101", tmt: str = "200501", gender: str = "1", seq: int = 1) -> str:
    """A valid PNS NIP from its parts (birth yyyymmdd, TMT yyyymm, gender 1/2, sequence)."""
    return f"{birth}{tmt}{gender}{seq:03d}"


def pppk_nip(birth: str = "19900101", year: str = "2023", gender: str = "2", seq: int = 1) -> str:
    """A valid NI PPPK: birth yyyymmdd, appointment year, '2', a digit, gender 1/2, sequence."""
    return f"{birth}{year}21{gender}{seq:03d}"
