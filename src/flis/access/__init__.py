"""Tenants, users, roles, sign-in, tokens and the audit log: the state store of the benchmarking service.

A pure library (no web framework): the API and the command line call these functions.
The policy — who may see what — is the one table in :mod:`flis.access.policy`.

    store = open_state()                                          # migrated, ready
    principal = authenticate(store, "anna", password, client="10.0.0.7")
    if can_drill(principal, 101):
        audit(store, principal, "drill", object="SCH001", municipality=101, period="2024-06",
              row_count=42, purpose="checking our June delivery", client="10.0.0.7")
"""

from flis.access.audit import ROW_LEVEL_ACTIONS, AuditRecord, audit, audit_entries
from flis.access.demo import Credential, demo_credentials
from flis.access.errors import (Disabled, InvalidCredentials, InvalidRole, InvalidUsername, Locked,
                                PurposeRequired, UnknownTenant, UnknownToken, UnknownUser, UserExists,
                                WeakPassword)
from flis.access.login import authenticate
from flis.access.passwords import generate_password
from flis.access.policy import (POLICY, ROLES_BY_TENANT_KIND, Grants, Principal, Role, Scope, TenantKind,
                                can_admin, can_drill, can_see_aggregates, can_see_deliveries, can_use)
from flis.access.sessions import (ActiveSession, NewSession, create_session, csrf_matches,
                                  end_expired_sessions, end_session, lookup_session)
from flis.access.store import StateStore, open_state
from flis.access.tenants import demo_subscribers, seed_tenants
from flis.access.tokens import NewToken, TokenInfo, create_token, list_tokens, revoke_token, user_for_token
from flis.access.users import UserInfo, add_user, disable_user, list_users, set_password

__all__ = [
    "ROW_LEVEL_ACTIONS", "AuditRecord", "audit", "audit_entries", "Credential", "demo_credentials",
    "Disabled", "InvalidCredentials", "InvalidRole", "InvalidUsername", "Locked", "PurposeRequired",
    "UnknownTenant", "UnknownToken", "UnknownUser", "UserExists", "WeakPassword", "authenticate",
    "generate_password", "POLICY", "ROLES_BY_TENANT_KIND", "Grants", "Principal", "Role", "Scope",
    "TenantKind", "can_admin", "can_drill", "can_see_aggregates", "can_see_deliveries", "can_use",
    "ActiveSession", "NewSession", "create_session", "csrf_matches", "end_expired_sessions", "end_session",
    "lookup_session", "StateStore", "open_state", "demo_subscribers", "seed_tenants", "NewToken",
    "TokenInfo", "create_token", "list_tokens", "revoke_token", "user_for_token", "UserInfo", "add_user",
    "disable_user", "list_users", "set_password",
]
