-- The ACD (issue 8): agents, their states and phone registrations, call backs and the queue log. Owned by
-- ivr's acd package; every state change is written in one transaction together with its queue-log row.

create table acd_agent (
    agent_id      text primary key,
    name          text not null,
    digest_ha1    text not null,          -- MD5(id:switchboard:password), what SIP digest needs
    password_hash text not null,          -- PBKDF2-HMAC-SHA256 with a salt, for everything else
    languages     text[] not null default '{}',
    source        text not null check (source in ('file', 'api')),
    updated_at    timestamptz not null
);

create table acd_agent_queue (
    agent_id text not null references acd_agent (agent_id) on delete cascade,
    queue    text not null,
    priority int  not null check (priority between 1 and 99),  -- 1 = this agent's best queue
    primary key (agent_id, queue)
);
create index acd_agent_queue_by_queue on acd_agent_queue (queue);

create table acd_agent_skill (
    agent_id    text not null references acd_agent (agent_id) on delete cascade,
    skill       text not null,
    proficiency int  not null check (proficiency between 1 and 5),
    primary key (agent_id, skill)
);

-- One row per agent; claimed for a call by compare-and-set on state = 'AVAILABLE'.
create table acd_agent_state (
    agent_id   text primary key references acd_agent (agent_id) on delete cascade,
    state      text not null check (state in ('LOGGED_OUT', 'AVAILABLE', 'NOT_READY', 'RINGING', 'ON_CALL', 'WRAP_UP')),
    reason     text,                      -- NOT_READY's reason
    call_id    text,                      -- RINGING / ON_CALL
    queue      text,                      -- RINGING / ON_CALL / WRAP_UP
    node       text,                      -- the node that rings or connects the agent
    since      timestamptz not null,
    wrap_until timestamptz,
    idle_since timestamptz,               -- when the agent last became free: longest idle is served first
    logged_in_at timestamptz
);

-- Where each agent's phone is registered (written by the registrar through AgentPhones), so any node can ring it.
create table acd_registration (
    agent_id text not null references acd_agent (agent_id) on delete cascade,
    contact  text not null,
    expires  timestamptz not null,
    primary key (agent_id, contact)
);

-- Call backs: a state machine that survives a crash (see docs/acd.md).
create table acd_callback (
    callback_id  bigserial primary key,
    queue        text not null,
    number       text not null,
    entered_at   timestamptz not null,    -- the caller's original place in line
    priority     int not null,
    skills       text not null default '', -- name=level,name=level
    scheduled_at timestamptz not null,    -- not before this
    due_at       timestamptz not null,    -- next attempt not before this
    attempts     int not null default 0,
    max_attempts int not null,
    state        text not null check (state in ('WAITING', 'RINGING_AGENT', 'DIALLING', 'CONNECTED', 'DONE',
                                                'FAILED')),
    agent_id     text,
    node         text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index acd_callback_waiting on acd_callback (queue, due_at) where state = 'WAITING';

-- Asterisk's queue_log: time|callid|queuename|agent|event|data1..data5.
create table acd_queue_log (
    id      bigserial primary key,
    time    timestamptz not null,
    call_id text not null,
    queue   text not null,
    agent   text not null,
    event   text not null,
    data1   text not null default '',
    data2   text not null default '',
    data3   text not null default '',
    data4   text not null default '',
    data5   text not null default ''
);
create index acd_queue_log_by_time on acd_queue_log (time);
create index acd_queue_log_by_queue_event on acd_queue_log (queue, event, time);

-- Nodes running the ACD on this database, with their last heartbeat: a node silent for long is taken over (what it
-- left ringing, on a call or in progress is recovered by the node that deletes its row).
create table acd_node (
    node    text primary key,
    seen_at timestamptz not null
);
