"""Who may see and change what: local accounts, roles, region grants, sign-in and its audit.

Roles: a viewer sees the regions granted; an officer also imports and undoes for them; an admin
sees and changes every region and manages accounts. A grant is a list of region codes, or all.
Passwords are stored only as argon2 hashes. Sign-ins, failed sign-ins and account changes are
written to an audit log beside the accounts file; repeated failures lock an account for a while.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from asn_analytics.i18n import t

ROLES = ("viewer", "officer", "admin")
ALL = "all"
# After this many failures within the window, each further attempt waits longer (doubling).
FREE_FAILURES = 3
WINDOW_S = 15 * 60
MAX_WAIT_S = 15 * 60

_hasher = PasswordHasher()


@dataclass(frozen=True)
class Principal:
    """A signed-in person (or the demo's anonymous officer) and what they may do."""

    user: str
    role: str
    regions: tuple[str, ...] | None  # None: every region

    @property
    def may_import(self) -> bool:
        return self.role in ("officer", "admin")

    @property
    def may_manage(self) -> bool:
        return self.role == "admin"

    def allows(self, region_code: str) -> bool:
        return self.regions is None or region_code in self.regions


class AccountError(Exception):
    """A user-facing refusal (unknown account, bad role, wrong password, locked account)."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.values)


class Accounts:
    """The local accounts file (JSON): user -> password hash, role, regions, email."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.audit_path = self.path.with_suffix(".audit.log")
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    # -- the file -----------------------------------------------------------------------
    def _load(self) -> dict[str, dict]:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8")).get("users", {})

    def _save(self, users: dict[str, dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".accounts-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"users": users}, out, indent=2, sort_keys=True)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def exist(self) -> bool:
        """True once any account has been created."""
        return bool(self._load())

    def list(self) -> list[dict]:
        """Every account without its hash: user, role, regions, email."""
        return [
            {"user": name, "role": u["role"], "regions": u["regions"], "email": u.get("email")}
            for name, u in sorted(self._load().items())
        ]

    # -- changes ------------------------------------------------------------------------
    def add(
        self,
        user: str,
        role: str,
        regions: list[str] | str,
        *,
        password: str | None = None,
        email: str | None = None,
    ) -> None:
        """Create an account; `password` for a local sign-in, `email` for the identity provider."""
        user = user.strip()
        if not user:
            raise AccountError("accounts.empty_user")
        self._check_role(role)
        if password is not None and len(password) < 10:
            raise AccountError("accounts.short_password", minimum=10)
        users = self._load()
        if user in users:
            raise AccountError("accounts.exists", user=user)
        users[user] = {
            "role": role,
            "regions": _grant(regions),
            "password_hash": _hasher.hash(password) if password is not None else None,
            "email": email.strip().lower() if email else None,
        }
        self._save(users)
        self.audit("account_added", user, role=role, regions=users[user]["regions"])

    def remove(self, user: str) -> None:
        users = self._load()
        if user not in users:
            raise AccountError("accounts.unknown", user=user)
        del users[user]
        self._save(users)
        self.audit("account_removed", user)

    def grant(self, user: str, regions: list[str] | str, role: str | None = None) -> None:
        """Replace an account's regions (and role when given)."""
        users = self._load()
        if user not in users:
            raise AccountError("accounts.unknown", user=user)
        if role is not None:
            self._check_role(role)
            users[user]["role"] = role
        users[user]["regions"] = _grant(regions)
        self._save(users)
        self.audit(
            "account_granted", user, role=users[user]["role"], regions=users[user]["regions"]
        )

    # -- sign-in ------------------------------------------------------------------------
    def sign_in(self, user: str, password: str, *, now: float | None = None) -> Principal:
        """Check a password; raises AccountError, the same for an unknown user or a bad password."""
        now = time.time() if now is None else now
        with self._lock:
            wait = self._wait(user, now)
            if wait > 0:
                self.audit("sign_in_throttled", user, wait_s=round(wait))
                raise AccountError("accounts.locked", seconds=int(wait) + 1)
            record = self._load().get(user)
            ok = False
            if record and record.get("password_hash"):
                try:
                    ok = _hasher.verify(record["password_hash"], password)
                except (VerificationError, InvalidHashError):
                    ok = False
            if not ok:
                self._failures.setdefault(user, []).append(now)
                self.audit("sign_in_failed", user)
                raise AccountError("accounts.bad_credentials")
            self._failures.pop(user, None)
        self.audit("sign_in", user)
        return _principal(user, record)

    def for_email(self, email: str | None) -> Principal | None:
        """The account granted to an identity-provider email, or None (no access)."""
        if not email:
            return None
        wanted = email.strip().lower()
        for name, record in self._load().items():
            if record.get("email") == wanted:
                return _principal(name, record)
        return None

    def _wait(self, user: str, now: float) -> float:
        """Seconds before `user` may try again: 0 for the first failures, then doubling."""
        recent = [f for f in self._failures.get(user, []) if now - f < WINDOW_S]
        self._failures[user] = recent
        if len(recent) < FREE_FAILURES:
            return 0.0
        delay = min(2.0 ** (len(recent) - FREE_FAILURES + 1), MAX_WAIT_S)
        return max(0.0, recent[-1] + delay - now)

    # -- audit --------------------------------------------------------------------------
    def audit(self, event: str, user: str | None, **detail: object) -> None:
        """Append one JSON line to the audit log."""
        self.audit_path.parent.mkdir(parents=True, exist_ok=True)
        line = {"time": dt.datetime.now().isoformat(timespec="seconds"), "event": event,
                "user": user, **detail}  # fmt: skip
        with open(self.audit_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False) + "\n")

    @staticmethod
    def _check_role(role: str) -> None:
        if role not in ROLES:
            raise AccountError("accounts.bad_role", role=role, roles=", ".join(ROLES))


def _grant(regions: list[str] | str) -> list[str] | str:
    if regions == ALL or regions == [ALL]:
        return ALL
    codes = sorted({str(r).strip() for r in regions if str(r).strip()})
    if not codes:
        raise AccountError("accounts.no_regions")
    return codes


def _principal(user: str, record: dict) -> Principal:
    regions = (
        None if record["role"] == "admin" or record["regions"] == ALL else tuple(record["regions"])
    )
    return Principal(user=user, role=record["role"], regions=regions)
