"""The one retry policy: what counts as a passing problem, and how long to keep trying.

Only contention and dropped connections are retried (a locked SQLite file, a PostgreSQL deadlock
or serialisation failure, a connection the server closed, a table another run is creating at the
same moment). Everything else is a real error and is raised at once. Waits grow exponentially with
jitter, so two runs on one store do not retry in step; after a minute the error stands.
"""

from __future__ import annotations

from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_random_exponential

GIVE_UP_AFTER_S = 60.0

_CONTENTION_WORDS = ("database is locked", "deadlock", "could not serialize", "already exists", "duplicate key value violates unique constraint \"pg_type")


class Contention(Exception):
    """Another run wrote the same rows at the same moment; the transaction rolled back whole, so
    doing it again is safe. Raised by store code that recognises such a collision."""


def is_transient(exc: BaseException) -> bool:
    """True for errors that waiting can cure: contention on the store, a dropped connection."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, Contention):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    text = str(exc).lower()
    return any(word in text for word in _CONTENTION_WORDS)


def retrying(give_up_after_s: float = GIVE_UP_AFTER_S) -> Retrying:
    """The policy as a tenacity `Retrying` object: `for attempt in retrying(): with attempt: ...`
    or `retrying()(function)`, which calls it."""
    return Retrying(
        retry=retry_if_exception(is_transient),
        wait=wait_random_exponential(multiplier=0.05, max=2.0),
        stop=stop_after_delay(give_up_after_s),
        reraise=True,
    )
