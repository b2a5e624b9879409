-- At start-up a node ends the calls it left unfinished (killed, crashed): find them without reading every call.
create index calls_unfinished on calls (node) where ended_at is null;
