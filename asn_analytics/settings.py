"""Runtime settings, read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "asn.duckdb"


MIB = 1 << 20


class ReadLimits(BaseModel):
    """How large a file the import reads: a file over any limit is refused before it is read.

    Each is overridden by ASN_LIMIT_<NAME> (e.g. ASN_LIMIT_TEXT_ROWS=3000000). The defaults fit a
    national export (1,000,000 rows of CSV) and a regional workbook (100,000 rows x 65 columns)
    with room to spare, and keep a hostile file well under a gigabyte of memory.
    """

    # CSV and other text: the file's size, its lines (a bound on its rows), one line's length.
    text_bytes: int = Field(default=2048 * MIB, ge=1)
    text_rows: int = Field(default=2_000_000, ge=1)
    line_bytes: int = Field(default=1 * MIB, ge=1)
    # Excel workbooks: the area of a sheet (declared and actual), its cells, the shared strings.
    sheet_rows: int = Field(default=1_048_576, ge=1)  # Excel's own maximum
    sheet_columns: int = Field(default=1_024, ge=1)
    sheet_cells: int = Field(default=10_000_000, ge=1)
    shared_strings: int = Field(default=5_000_000, ge=1)
    shared_strings_bytes: int = Field(default=256 * MIB, ge=1)
    # The zip inside a workbook: all members unpacked, and how far one member may expand.
    unzipped_bytes: int = Field(default=1024 * MIB, ge=1)
    zip_ratio: int = Field(default=100, ge=1)
    # Reading one file (up to the table handed to DuckDB), in seconds.
    read_seconds: float = Field(default=600.0, gt=0)

    @classmethod
    def from_env(cls) -> ReadLimits:
        """Defaults overridden by ASN_LIMIT_TEXT_BYTES, ASN_LIMIT_SHEET_CELLS, ... (see fields)."""
        values = {
            name: os.environ[f"ASN_LIMIT_{name.upper()}"]
            for name in cls.model_fields
            if os.environ.get(f"ASN_LIMIT_{name.upper()}")
        }
        return cls.model_validate(values)


class Settings(BaseModel):
    """Where the database lives and how much of the machine DuckDB may use."""

    db_path: Path = DEFAULT_DB
    threads: int = Field(default=2, ge=1, le=256)
    # DuckDB's buffers; the process holds about half a gigabyte more (Python, Streamlit, frames),
    # so the dashboard stays under 2 GB resident even while it rebuilds the summaries.
    memory_limit: str = Field(
        default="1GB", pattern=r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$"
    )
    lang: str = Field(default="id", pattern=r"^(id|en)$")
    # Local accounts (and their audit log beside them); default: accounts.json next to the database.
    accounts_path: Path | None = None
    limits: ReadLimits = Field(default_factory=ReadLimits)
    # Sign-ins, failures, locks, sign-outs and grant changes (JSON lines); default beside accounts.
    audit_log_path: Path | None = None
    # How long a sign-in lasts across reloads and shared links (a signed cookie).
    session_hours: float = Field(default=8, gt=0, le=24 * 30)
    # Key of the session cookie's signature; default: generated once into a file beside accounts.
    session_secret: str | None = Field(default=None, min_length=32)
    # This many failed sign-ins within lock_minutes lock the account for lock_minutes.
    lock_failures: int = Field(default=5, ge=1, le=100)
    lock_minutes: float = Field(default=15, gt=0, le=24 * 60)

    @property
    def accounts_file(self) -> Path:
        return self.accounts_path or self.db_path.with_name("accounts.json")

    @property
    def audit_log(self) -> Path:
        return self.audit_log_path or self.accounts_file.with_suffix(".audit.log")

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overridden by ASN_DB, ASN_THREADS, ASN_MEMORY_LIMIT, ASN_LANG, ASN_ACCOUNTS,
        ASN_AUDIT_LOG, ASN_SESSION_HOURS, ASN_SESSION_SECRET, ASN_LOCK_FAILURES,
        ASN_LOCK_MINUTES and ASN_LIMIT_* (ReadLimits)."""
        values: dict[str, object] = {"limits": ReadLimits.from_env()}
        if os.environ.get("ASN_DB"):
            values["db_path"] = Path(os.environ["ASN_DB"]).expanduser()
        if os.environ.get("ASN_THREADS"):
            values["threads"] = int(os.environ["ASN_THREADS"])
        else:
            values["threads"] = max(1, min(4, os.cpu_count() or 1))
        if os.environ.get("ASN_MEMORY_LIMIT"):
            values["memory_limit"] = os.environ["ASN_MEMORY_LIMIT"]
        if os.environ.get("ASN_LANG"):
            values["lang"] = os.environ["ASN_LANG"]
        if os.environ.get("ASN_ACCOUNTS"):
            values["accounts_path"] = Path(os.environ["ASN_ACCOUNTS"]).expanduser()
        if os.environ.get("ASN_AUDIT_LOG"):
            values["audit_log_path"] = Path(os.environ["ASN_AUDIT_LOG"]).expanduser()
        for name, field in (
            ("ASN_SESSION_HOURS", "session_hours"),
            ("ASN_SESSION_SECRET", "session_secret"),
            ("ASN_LOCK_FAILURES", "lock_failures"),
            ("ASN_LOCK_MINUTES", "lock_minutes"),
        ):
            if os.environ.get(name):
                values[field] = os.environ[name]
        return cls(**values)
