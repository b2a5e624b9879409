-- What callers recorded (voicemail messages, survey comments) and how they rated their calls.
-- Numbered 5, not 3, so that it does not collide with migrations other branches add at the same time.

create table call_recordings (
    call_id     text        not null references calls (id) on delete cascade,
    seq         int         not null check (seq > 0),         -- the n-th recording of the call
    file        text        not null,                         -- where the audio is (the reference the flow got)
    started_at  timestamptz not null,
    length_ms   int         not null check (length_ms >= 0),  -- audio kept, without the silence that ended it
    ended_by    text        not null,                         -- finish-key, silence, max-length, hung-up
    finish_key  text,                                         -- the key that ended it; null otherwise
    primary key (call_id, seq)
);

create table call_surveys (
    call_id     text        not null references calls (id) on delete cascade,
    seq         int         not null check (seq > 0),         -- the n-th survey answer of the call
    answered_at timestamptz not null,
    rating      int         not null check (rating between 1 and 5),
    comment     text,                                         -- the comment's recording reference; null: none
    primary key (call_id, seq)
);
