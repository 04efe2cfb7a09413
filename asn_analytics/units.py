"""Work-unit keys: region code + ':' + slug of the name (DESIGN.md "Units")."""

from __future__ import annotations

import re


def slug(name: str) -> str:
    """Case-folded name with punctuation turned to spaces and spaces collapsed."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def unit_id(region_code: str, name: str) -> str:
    """The unit key of a unit name in a region."""
    return f"{region_code}:{slug(name)}"
