-- Hand-offs to ticket and chat services (issue 12): an outbox. A row is written in the transaction of the call event
-- that causes it and delivered by the Camel routes; a row the service refused, or that ran out of attempts, is
-- "dead" (the dead letters) until someone retries it. No foreign key to calls: the call's own row is written by the
-- best-effort call writer and may arrive later than its hand-off.

create table handoff (
    handoff_id       bigserial   primary key,
    integration      text        not null,            -- the configured integration that delivers it
    target           text        not null,            -- what asked for it: a flow's handoff target, voicemail, ...
    call_id          text        not null default '',
    caller           text        not null default '', -- the caller's number, to show a later call from it
    idempotency_key  text        not null unique,     -- the same hand-off asked twice is one row and one ticket
    payload          jsonb       not null,            -- name -> text, as the integration maps it to the API
    state            text        not null check (state in ('pending', 'sending', 'delivered', 'dead')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,            -- pending: not before; sending: the claim lapses then
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    external_id      text,                            -- the ticket's or conversation's id at the service
    constraint handoff_delivered check ((state = 'delivered') = (delivered_at is not null))
);

create index handoff_due on handoff (next_attempt_at) where state in ('pending', 'sending');
create index handoff_by_state on handoff (state, created_at desc);
create index handoff_by_call on handoff (call_id);
create index handoff_by_caller on handoff (caller, created_at desc) where caller <> '';
