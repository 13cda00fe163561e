"""The declarative base and the column helpers every table module shares.

Schema changes go through Alembic (bot/migrations); never create tables from
these classes outside the tests of a migration.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def new_id() -> str:
    return uuid.uuid4().hex
