"""Who may see and change what: local accounts, roles, region grants, sign-in and its audit.

Roles: a viewer sees the regions granted; an officer also imports and undoes for them; an admin
sees and changes every region and manages accounts. A grant is a list of region codes, or all.
Passwords are stored only as argon2 hashes. Sign-ins, failures, locks, sign-outs and account
changes are appended to an audit log (JSON lines, UTC); repeated failures lock an account for a
while (kept in a file beside the accounts file). A sign-in is carried across reloads by a session
token signed with HMAC-SHA256: user, expiry and the account's nonce, which a new password or a lock
replaces, so that every token issued before stops working.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from asn_analytics.i18n import t
from asn_analytics.settings import Settings

ROLES = ("viewer", "officer", "admin")
ALL = "all"
KNOWN_SHOWN = 30  # regions named in the refusal of an unknown code

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

    def __init__(
        self,
        path: Path,
        *,
        audit_path: Path | None = None,
        secret: str | None = None,
        lock_failures: int = 5,
        lock_minutes: float = 15,
    ) -> None:
        self.path = Path(path)
        self.audit_path = Path(audit_path) if audit_path else self.path.with_suffix(".audit.log")
        self.locks_path = self.path.with_suffix(".locks.json")
        self.key_path = self.path.with_suffix(".key")
        self.lock_failures = lock_failures
        self.lock_s = lock_minutes * 60
        self._secret = secret.encode() if secret else None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Accounts:
        return cls(
            settings.accounts_file,
            audit_path=settings.audit_log,
            secret=settings.session_secret,
            lock_failures=settings.lock_failures,
            lock_minutes=settings.lock_minutes,
        )

    # -- the file -----------------------------------------------------------------------
    def _load(self) -> dict[str, dict]:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8")).get("users", {})

    def _save(self, users: dict[str, dict]) -> None:
        _write_private(self.path, {"users": users})

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
        known_regions: Mapping[str, str] | None = None,
    ) -> None:
        """Create an account; `password` for a local sign-in, `email` for the identity provider.

        With `known_regions` (code -> name, from the database) a grant of any other code is refused.
        """
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
            "regions": _grant(regions, known_regions),
            "password_hash": _hasher.hash(password) if password is not None else None,
            "email": email.strip().lower() if email else None,
            "nonce": secrets.token_hex(8),
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

    def grant(
        self,
        user: str,
        regions: list[str] | str,
        role: str | None = None,
        *,
        known_regions: Mapping[str, str] | None = None,
    ) -> None:
        """Replace an account's regions (and role when given); see `add` for `known_regions`."""
        users = self._load()
        if user not in users:
            raise AccountError("accounts.unknown", user=user)
        before = {"role": users[user]["role"], "regions": users[user]["regions"]}
        if role is not None:
            self._check_role(role)
            users[user]["role"] = role
        users[user]["regions"] = _grant(regions, known_regions)
        self._save(users)
        self.audit(
            "account_granted", user, role=users[user]["role"], regions=users[user]["regions"],
            before=before,
        )  # fmt: skip

    def set_password(self, user: str, password: str) -> None:
        """Replace an account's password; its sessions issued before stop working."""
        if len(password) < 10:
            raise AccountError("accounts.short_password", minimum=10)
        users = self._load()
        if user not in users:
            raise AccountError("accounts.unknown", user=user)
        users[user]["password_hash"] = _hasher.hash(password)
        users[user]["nonce"] = secrets.token_hex(8)
        self._save(users)
        self.audit("password_changed", user)

    # -- sign-in ------------------------------------------------------------------------
    def sign_in(self, user: str, password: str, *, now: float | None = None) -> Principal:
        """Check a password; raises AccountError, the same for an unknown user or a bad password.

        `lock_failures` failures within the lock period lock the name (known or not, so a lock
        does not tell which accounts exist) until the period has passed since the last one.
        """
        now = time.time() if now is None else now
        with self._lock:
            locks = self._locks(now)
            entry = locks.get(user, {})
            if entry.get("until", 0) > now:
                self.audit("sign_in_locked", user, until=_utc(entry["until"]))
                raise self._locked(entry["until"], now)
            record = self._load().get(user)
            ok = False
            if record and record.get("password_hash"):
                try:
                    ok = _hasher.verify(record["password_hash"], password)
                except (VerificationError, InvalidHashError):
                    ok = False
            if ok:
                if locks.pop(user, None) is not None:
                    _write_private(self.locks_path, locks)
                self.audit("sign_in", user)
                return _principal(user, record)
            failures = [*entry.get("failures", []), now]
            locks[user] = {"failures": failures}
            self.audit("sign_in_failed", user, failures=len(failures))
            if len(failures) >= self.lock_failures:
                until = now + self.lock_s
                locks[user] = {"failures": [], "until": until}
                _write_private(self.locks_path, locks)
                self._renew_nonce(user)
                self.audit("account_locked", user, failures=len(failures), until=_utc(until))
                raise self._locked(until, now)
            _write_private(self.locks_path, locks)
            raise AccountError("accounts.bad_credentials")

    def _locks(self, now: float) -> dict[str, dict]:
        """The lock file without failures older than the lock period and ended locks."""
        try:
            stored = json.loads(self.locks_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        kept: dict[str, dict] = {}
        for name, entry in stored.items():
            failures = [f for f in entry.get("failures", []) if now - f < self.lock_s]
            until = entry.get("until", 0)
            if until > now:
                kept[name] = {"failures": [], "until": until}
            elif failures:
                kept[name] = {"failures": failures}
        return kept

    def _locked(self, until: float, now: float) -> AccountError:
        minutes = max(1, int((until - now + 59) // 60))
        return AccountError(
            "accounts.locked", n=self.lock_failures, until=_utc(until, "%Y-%m-%d %H:%M UTC"),
            minutes=minutes,
        )  # fmt: skip

    def _renew_nonce(self, user: str) -> None:
        users = self._load()
        if user in users:
            users[user]["nonce"] = secrets.token_hex(8)
            self._save(users)

    def for_email(self, email: str | None) -> Principal | None:
        """The account granted to an identity-provider email, or None (no access)."""
        if not email:
            return None
        wanted = email.strip().lower()
        for name, record in self._load().items():
            if record.get("email") == wanted:
                return _principal(name, record)
        return None

    # -- session tokens -------------------------------------------------------------------
    def issue_token(self, user: str, hours: float, *, now: float | None = None) -> str:
        """A signed token naming `user`, its expiry and the account's current nonce."""
        now = time.time() if now is None else now
        record = self._load()[user]
        body = {"u": user, "exp": int(now + hours * 3600), "n": record.get("nonce", "")}
        payload = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
        return f"{payload}.{self._sign(payload)}"

    def verify_token(self, token: str | None, *, now: float | None = None) -> Principal | None:
        """The account a token signs in, or None: tampered, expired, password changed, locked."""
        if not token or token.count(".") != 1:
            return None
        now = time.time() if now is None else now
        payload, signature = token.split(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            user, expires, nonce = str(body["u"]), float(body["exp"]), str(body["n"])
        except (ValueError, KeyError, TypeError):
            return None
        record = self._load().get(user)
        if expires <= now or record is None or not record.get("password_hash"):
            return None
        if not hmac.compare_digest(nonce, record.get("nonce", "")):
            return None
        if self._locks(now).get(user, {}).get("until", 0) > now:
            return None
        return _principal(user, record)

    def _sign(self, payload: str) -> str:
        return hmac.new(self._key(), payload.encode(), hashlib.sha256).hexdigest()

    def _key(self) -> bytes:
        """The configured secret, or one generated at first use into a 0600 file."""
        if self._secret is None:
            try:
                fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                self._secret = self.key_path.read_text(encoding="ascii").strip().encode()
            else:
                key = secrets.token_hex(32)
                with os.fdopen(fd, "w", encoding="ascii") as out:
                    out.write(key + "\n")
                self._secret = key.encode()
        return self._secret

    # -- audit --------------------------------------------------------------------------
    def audit(self, event: str, user: str | None, **detail: object) -> None:
        """Append one JSON line to the audit log: time (UTC), user, event, detail."""
        self.audit_path.parent.mkdir(parents=True, exist_ok=True)
        line = {"time": _utc(time.time()), "user": user, "event": event, "detail": detail}
        with open(self.audit_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")

    @staticmethod
    def _check_role(role: str) -> None:
        if role not in ROLES:
            raise AccountError("accounts.bad_role", role=role, roles=", ".join(ROLES))


def _grant(regions: list[str] | str, known: Mapping[str, str] | None) -> list[str] | str:
    if regions == ALL or regions == [ALL]:
        return ALL
    codes = sorted({str(r).strip() for r in regions if str(r).strip()})
    if not codes:
        raise AccountError("accounts.no_regions")
    unknown = [code for code in codes if known is not None and code not in known]
    if unknown:
        shown = [f"{code} {name}" for code, name in sorted(known.items())[:KNOWN_SHOWN]]
        if len(known) > KNOWN_SHOWN:
            shown.append(f"… (+{len(known) - KNOWN_SHOWN})")
        raise AccountError(
            "accounts.unknown_region", codes=", ".join(unknown), known="; ".join(shown) or "-"
        )
    return codes


def _utc(epoch: float, fmt: str | None = None) -> str:
    moment = dt.datetime.fromtimestamp(epoch, dt.UTC)
    return moment.strftime(fmt) if fmt else moment.isoformat(timespec="seconds")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _write_private(path: Path, content: object) -> None:
    """Replace a JSON file atomically, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(content, out, indent=2, sort_keys=True)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _principal(user: str, record: dict) -> Principal:
    regions = (
        None if record["role"] == "admin" or record["regions"] == ALL else tuple(record["regions"])
    )
    return Principal(user=user, role=record["role"], regions=regions)
