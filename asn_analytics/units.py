"""Work-unit keys: region code + ':' + slug of the name.

A name is a unit's identity as `normal()` writes it. The slug alone is the key when it keeps all
of that identity (letters, digits and spaces); otherwise, or when another name of the region holds
the slug already, the key is the slug plus a short hash of the normal name ('=1+1', '+1+1' and
'-1+1' share the slug '1 1' but are three units).
"""

from __future__ import annotations

import hashlib
import re

# Punctuation that only decorates a name: 'Kec. Medan Kota' and 'Kec Medan Kota' are one unit;
# so does a dash standing between words ('Dinas PU – Bina Marga').
_DECORATION = re.compile(r"[.,;:'\"’‘`()\[\]]")
_DASH = re.compile(r"[-‐‑‒–—―]+")
HASH_LENGTH = 8


def slug(name: str) -> str:
    """Case-folded name with punctuation turned to spaces and spaces collapsed."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


def normal(name: str) -> str:
    """The name as a unit's identity: case-folded, decorating punctuation dropped, spaces
    collapsed; other signs ('+', '=', '&', '/', a dash within a word) kept."""
    words = _DECORATION.sub(" ", name.casefold()).split()
    return " ".join(w for w in words if not _DASH.fullmatch(w))


def hashed_id(region_code: str, name: str, length: int = HASH_LENGTH) -> str:
    """The collision-free key: slug (may be empty) + '~' + the first hex digits of the normal
    name's SHA-256."""
    digest = hashlib.sha256(normal(name).encode("utf-8")).hexdigest()[:length]
    return f"{region_code}:{slug(name)}~{digest}"


def unit_id(region_code: str, name: str) -> str:
    """The unit key of a unit name in a region, when no other name of the region holds it."""
    key = slug(name)
    if key and normal(name) == key:
        return f"{region_code}:{key}"
    return hashed_id(region_code, name)
