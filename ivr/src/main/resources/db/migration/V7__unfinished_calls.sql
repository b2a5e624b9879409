-- At start-up a node ends the calls it left unfinished (killed, crashed): find them without reading every call.
-- Numbered 7 so that it does not collide with migrations other branches add at the same time.
create index calls_unfinished on calls (node) where ended_at is null;
