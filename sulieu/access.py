"""Who may see and do what: roles, access levels and the rules between them, each written once.

Roles: ``reader`` (read), ``editor`` (upload, correct, delete/restore), ``admin`` (everything,
including users and access levels). Access levels a user may see::

    anonymous          public
    reader, editor     public, internal        (+ restricted if the user has clearance="restricted")
    admin              public, internal, restricted

The API, the web UI and the CLI all ask these functions, so a rule cannot drift between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sulieu.model import ACCESS_LEVELS

ROLES = ("reader", "editor", "admin")
CLEARANCES = (None, "restricted")
_RANK = {r: i for i, r in enumerate(ROLES)}


@dataclass(frozen=True)
class User:
    """A signed-in caller. ``store`` is the account store it came from (sessions and tokens live there)."""

    name: str
    role: str
    clearance: str | None = None
    via: str = "session"  # "session" | "token" | "local"
    store: Any = field(default=None, compare=False, repr=False)

    @classmethod
    def from_row(cls, row: Any, *, via: str = "session", store: Any = None) -> User:
        return cls(row.name, row.role, row.clearance, via, store)


def role_at_least(user: User | None, role: str) -> bool:
    return user is not None and _RANK.get(user.role, -1) >= _RANK[role]


def allowed_access(user: User | None) -> list[str]:
    if user is None:
        return ["public"]
    if user.role == "admin" or user.clearance == "restricted":
        return ["public", "internal", "restricted"]
    return ["public", "internal"]


def assignable_access(user: User | None) -> list[str]:
    """The levels a user may file an upload under: only levels they may see themselves (a user
    without clearance must not create documents they could then not read back)."""
    if not role_at_least(user, "editor"):
        return []
    return [a for a in ACCESS_LEVELS if a in allowed_access(user)]
