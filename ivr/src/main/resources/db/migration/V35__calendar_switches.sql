-- Supervisors' calendar switches (issue 11): "closed now" / "open now" thrown on a calendar from the wallboard or
-- the API, kept across restarts until switched back. One row per switched calendar; no row: the calendar's hours.
create table calendar_switch (
    calendar  text        primary key,
    state     text        not null check (state in ('open-now', 'closed-now')),
    set_by    text        not null,
    set_at    timestamptz not null
);
