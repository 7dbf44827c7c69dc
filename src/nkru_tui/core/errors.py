"""Errors that reach the user as one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path

# CLI exit codes (documented in the README).
EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_STORE_UNREADABLE = 3
EXIT_STORE_INVALID = 4
EXIT_USER_STORE = 5


class NkruError(Exception):
    """Base class: ``str(err)`` is a single line fit for stderr; ``exit_code`` for the CLI."""

    exit_code = EXIT_USAGE

    def __str__(self) -> str:  # pragma: no cover - subclasses override
        return " ".join(str(a) for a in self.args).replace("\n", " ")


class StoreError(NkruError):
    """A store that is missing, unreadable or invalid.

    ``str()`` reads ``PATH: table/record: field: message`` with the parts that are known.
    """

    exit_code = EXIT_STORE_UNREADABLE

    def __init__(
        self,
        path: str | Path | None,
        message: str,
        *,
        table: str | None = None,
        record: str | None = None,
        field: str | None = None,
        exit_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.message = message
        self.table = table
        self.record = record
        self.field = field
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path:
            parts.append(self.path)
        if self.table or self.record:
            parts.append("/".join(p for p in (self.table, self.record) if p))
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts).replace("\n", " ")


class StoreInvalid(StoreError):
    """Validation found problems; ``problems`` holds every one of them."""

    exit_code = EXIT_STORE_INVALID

    def __init__(
        self, path: str | Path | None, problems: list[StoreError], total: int | None = None
    ) -> None:
        """``total``: how many problems there are, when ``problems`` holds only the first."""
        first = str(problems[0]) if problems else "invalid store"
        count = max(total or 0, len(problems))
        more = f" (and {count - 1} more problem(s))" if count > 1 else ""
        super().__init__(None, first + more, exit_code=EXIT_STORE_INVALID)
        self.path = str(path) if path is not None else None
        self.problems = problems

    def __str__(self) -> str:
        return self.message


class QueryError(NkruError):
    """A malformed query: the message says what is wrong and where."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, query: str | None = None, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.query = query
        self.position = position

    def __str__(self) -> str:
        where = f" (at character {self.position + 1})" if self.position is not None else ""
        return f"bad query: {self.message}{where}".replace("\n", " ")


class UserStoreError(NkruError):
    """The user's own store could not be read or written; nothing was lost."""

    exit_code = EXIT_USER_STORE

    def __init__(self, message: str, path: str | Path | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None

    def __str__(self) -> str:
        prefix = f"{self.path}: " if self.path else ""
        return (prefix + self.message).replace("\n", " ")


class UsageError(NkruError):
    """A command given arguments it cannot use (a malformed flag value, nothing to do...)."""

    exit_code = EXIT_USAGE

    def __str__(self) -> str:
        return str(self.args[0]).replace("\n", " ")


class NotFound(NkruError):
    exit_code = EXIT_NOT_FOUND

    def __str__(self) -> str:
        return str(self.args[0]).replace("\n", " ")
