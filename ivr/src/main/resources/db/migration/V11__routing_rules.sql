-- Routing rules in the ACD (issue 9): the explanation of a routing decision is a step of the call's path, and an
-- agent has a region the rules may ask for.

alter table call_path drop constraint if exists call_path_kind_check;
alter table call_path add constraint call_path_kind_check
    check (kind in ('step', 'prompt', 'key', 'flow-end', 'routed'));

alter table acd_agent add column region text not null default '';
