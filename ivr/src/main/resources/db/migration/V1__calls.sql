-- Every call Switchboard carried and the path it took through its flow.
-- Times are timestamptz (microsecond precision); codes are lower-case words so the API shows them as stored.

create table calls (
    id            text        primary key,
    caller        text        not null,          -- caller's number or SIP user part; empty when withheld
    dialed        text        not null,
    flow_id       text        not null,          -- the flow the call ran, pinned for its whole life
    flow_version  int         not null,
    started_at    timestamptz not null,
    answered_at   timestamptz,                   -- null: never answered
    ended_at      timestamptz,                   -- null: still up (or the node died before recording the end)
    hangup_cause  text,                          -- HangupCause in lower case with dashes: normal, media-timeout, ...
                                                 -- (no check: a new cause must never make a call's end unstorable)
    hung_up_by    text        check (hung_up_by in ('caller', 'system')),
    node          text        not null,          -- the call-control node that carried the call
    constraint calls_end_complete check ((ended_at is null) = (hangup_cause is null)
                                         and (ended_at is null) = (hung_up_by is null))
);

-- "Latest calls": newest first, ties broken by id so paging is stable.
create index calls_latest on calls (started_at desc, id desc);

create table call_path (
    call_id  text        not null references calls (id) on delete cascade,
    seq      int         not null check (seq > 0),  -- order within the call, assigned when the event happened
    at       timestamptz not null,
    kind     text        not null check (kind in ('step', 'prompt', 'key', 'flow-end')),
    name     text        not null,                  -- step id, prompt name, key, or flow outcome
    detail   text,                                  -- step kind, prompt language, or how the key arrived
    primary key (call_id, seq)
);
