"""Column types the tables share: aware datetimes stored as naive UTC, the same on SQLite and PostgreSQL.

Kept apart from the models so that a capability's tables can use them without importing the model layer.
(Encrypted text is `crypto.EncryptedText`.)
"""

from datetime import UTC, datetime

from sqlalchemy import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as naive UTC (the same on SQLite and PostgreSQL); returns them aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware one is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)
