"""The state store's tables as typed SQLAlchemy models.

The Alembic migrations under ``migrations/versions`` create these tables; a test checks that
models and migrations agree. Times are stored as naive UTC (portable between SQLite and
PostgreSQL) and handed to Python as timezone-aware UTC by :class:`UTCDateTime`.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Boolean, Date, DateTime, Enum, ForeignKey, Integer, String, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from flis.access.policy import Role, TenantKind


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in Python, naive UTC in the database; naive input is a bug and refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the state store; use timezone-aware UTC")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


def _enum(cls: type) -> Enum:
    # Stored as the enum's value in a VARCHAR (no native PostgreSQL enum type to migrate later).
    return Enum(cls, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e],
                validate_strings=True)


class Base(DeclarativeBase):
    pass


class Tenant(Base):
    """A municipality, the operator or the statistics office."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[TenantKind] = mapped_column(_enum(TenantKind))
    municipality: Mapped[int | None] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(100))

    subscriptions: Mapped[list[Subscription]] = relationship(back_populates="tenant")


class Subscription(Base):
    """A municipality subscribes from ``starts_on`` until the day before ``ends_on`` (open when None)."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)

    tenant: Mapped[Tenant] = relationship(back_populates="subscriptions")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    tenant: Mapped[Tenant] = relationship()


class LoginThrottle(Base):
    """Failed sign-ins per subject: ``account:<username>`` (existing or not) or ``client:<address>``."""

    __tablename__ = "login_throttle"

    subject: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiToken(Base):
    """A bearer token for the API. Only the SHA-256 of the secret is kept, never the secret."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class WebSession(Base):
    """A signed-in browser; ``id`` is the SHA-256 of the cookie's token, so the table signs nobody in."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    csrf_token: Mapped[str] = mapped_column(String(64))

    user: Mapped[User] = relationship()


class AuditEntry(Base):
    """One access to row-level data or one account change. Append-only (database triggers refuse changes)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id"))
    action: Mapped[str] = mapped_column(String(40))
    object: Mapped[str | None] = mapped_column(String(200))
    municipality: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(20))
    row_count: Mapped[int | None] = mapped_column(Integer)
    purpose: Mapped[str | None] = mapped_column(Text)
    client: Mapped[str | None] = mapped_column(String(100))
