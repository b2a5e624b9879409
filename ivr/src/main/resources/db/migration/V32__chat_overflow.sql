-- Chat overflow (issue 12): a caller who leaves the phone queue for chat logs CHATOVERFLOW
-- (position|origposition|waittime|priority), which is not an abandon. With a rule for it
-- (switchboard.handoff.on.chat), the queue log's trigger writes the hand-off to the chat service in the transaction
-- of that event: the caller's number (ENTERQUEUE's callerid), the queue, the priority and the seconds waited.

alter table handoff_rule drop constraint handoff_rule_event_check;
alter table handoff_rule add constraint handoff_rule_event_check
    check (event in ('ABANDON', 'CALLBACK_REQUESTED', 'CALLBACK_COMPLETED', 'CALLBACK_FAILED', 'CHATOVERFLOW'));

create or replace function handoff_on_queue_event() returns trigger language plpgsql as $$
declare
    rule_integration text;
    number text;
    details jsonb;
    target text;
begin
    select integration into rule_integration from handoff_rule where event = new.event;
    if rule_integration is null then
        return new;
    end if;
    target := lower(replace(new.event, '_', '-'));
    if new.event in ('ABANDON', 'CHATOVERFLOW') then
        -- position|origposition|waittime[|priority]; the number is ENTERQUEUE's callerid (data2)
        select data2 into number from acd_queue_log
            where call_id = new.call_id and event = 'ENTERQUEUE' order by id desc limit 1;
        details := jsonb_build_object('position', new.data1, 'wait', new.data3);
        if new.event = 'CHATOVERFLOW' then
            target := 'chat';
            details := details || jsonb_build_object('original-position', new.data2, 'priority', new.data4);
        end if;
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
    values (rule_integration, target, new.call_id, number,
            lower(new.event) || ':' || new.id,
            details || jsonb_build_object('event', new.event, 'queue', new.queue, 'caller', number,
                                          'call.id', new.call_id, 'time', to_char(new.time at time zone 'UTC',
                                          'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
            'pending', now(), now())
    on conflict (idempotency_key) do nothing;
    return new;
end;
$$;
