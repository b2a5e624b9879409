-- Reports (io.switchboard.ivr.report, docs/kpis.md) follow each queued call through the queue log and look for a
-- repeat call from the same number: find a call's events, and a number's calls, without reading the whole table.
create index acd_queue_log_by_call on acd_queue_log (call_id, id);
create index acd_queue_log_by_event_time on acd_queue_log (event, time);
create index calls_by_caller on calls (caller, started_at);
