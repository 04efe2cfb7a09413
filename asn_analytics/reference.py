"""Reference tables an officer may correct, one TOML file each in asn_analytics/reference/."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed reference file `reference/<name>.toml`."""
    text = (resources.files("asn_analytics") / "reference" / f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def files() -> list[tuple[str, bytes]]:
    """Every reference file's name and content, by name."""
    folder = resources.files("asn_analytics") / "reference"
    entries = sorted(folder.iterdir(), key=lambda e: e.name)
    return [(e.name, e.read_bytes()) for e in entries if e.name.endswith(".toml")]
