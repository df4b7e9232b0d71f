"""The one retry policy: contention and dropped connections are retried, real errors are not."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from core.retry import Contention, is_transient, retrying


def test_contention_is_transient_and_real_errors_are_not() -> None:
    assert is_transient(OperationalError("INSERT", {}, Exception("database is locked")))
    assert is_transient(Contention("another run tagged this document"))
    assert not is_transient(OperationalError("SELECT", {}, Exception("no such table: documents")))
    assert not is_transient(IntegrityError("INSERT", {}, Exception("NOT NULL constraint failed")))
    assert not is_transient(ValueError("bad pdf"))


def test_a_locked_store_is_waited_for_and_a_real_error_raised_at_once() -> None:
    calls = {"locked": 0, "broken": 0}

    def locked_twice() -> str:
        calls["locked"] += 1
        if calls["locked"] < 3:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return "stored"

    def broken() -> None:
        calls["broken"] += 1
        raise OperationalError("SELECT", {}, Exception("no such column: x"))

    assert retrying()(locked_twice) == "stored" and calls["locked"] == 3
    with pytest.raises(OperationalError):
        retrying()(broken)
    assert calls["broken"] == 1
