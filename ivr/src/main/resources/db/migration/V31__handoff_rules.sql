-- Automatic hand-offs (issue 12): which queue events become a hand-off, and to which integration. The server
-- replaces these rows from switchboard.handoff.on.* at start. A trigger on the queue log writes the hand-off in the
-- very transaction that writes the event, so an abandoned call or a call back is handed off exactly when its event
-- is stored, whichever code path stored it.

create table handoff_rule (
    event        text primary key check (event in ('ABANDON', 'CALLBACK_REQUESTED', 'CALLBACK_COMPLETED',
                                                   'CALLBACK_FAILED')),
    integration  text not null
);

create function handoff_on_queue_event() returns trigger language plpgsql as $$
declare
    rule_integration text;
    number text;
    details jsonb;
begin
    select integration into rule_integration from handoff_rule where event = new.event;
    if rule_integration is null then
        return new;
    end if;
    if new.event = 'ABANDON' then
        -- ABANDON position|origposition|waittime; the number is ENTERQUEUE's callerid (data2)
        select data2 into number from acd_queue_log
            where call_id = new.call_id and event = 'ENTERQUEUE' order by id desc limit 1;
        details := jsonb_build_object('position', new.data1, 'wait', new.data3);
    else
        -- CALLBACK_* number|…
        number := new.data1;
        details := jsonb_build_object('agent', new.agent, 'detail', concat_ws('|', new.data2, new.data3, new.data4));
    end if;
    if number is null or number !~ '^\+?[0-9]{3,20}$' then
        return new; -- no callable number: nothing to follow up
    end if;
    insert into handoff (integration, target, call_id, caller, idempotency_key, payload, state, next_attempt_at,
                         created_at)
    values (rule_integration, lower(replace(new.event, '_', '-')), new.call_id, number,
            lower(new.event) || ':' || new.id,
            details || jsonb_build_object('event', new.event, 'queue', new.queue, 'caller', number,
                                          'call.id', new.call_id, 'time', to_char(new.time at time zone 'UTC',
                                          'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
            'pending', now(), now())
    on conflict (idempotency_key) do nothing;
    return new;
end;
$$;

create trigger acd_queue_log_handoff after insert on acd_queue_log
    for each row execute function handoff_on_queue_event();
