-- Who may use the HTTP API (users with roles, API tokens) and what they changed (the audit log).
-- Passwords are stored as Spring Security's delegating hashes ({bcrypt}...); tokens as the SHA-256 of the token,
-- which is shown once when it is created and never stored.
create table api_users (
    name          text        primary key,
    password_hash text        not null,
    roles         text[]      not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create table api_tokens (
    id         text        primary key,
    label      text        not null,
    token_hash text        not null unique,
    roles      text[]      not null,
    created_by text        not null,
    created_at timestamptz not null,
    revoked_at timestamptz
);

-- One row per change made through the API: publish, rollback, user and token changes.
create table audit_log (
    id             bigserial   primary key,
    at             timestamptz not null,
    actor          text        not null,
    action         text        not null,
    target         text        not null,
    detail         text        not null default '',
    source_address text        not null
);

create index audit_log_at on audit_log (at);
