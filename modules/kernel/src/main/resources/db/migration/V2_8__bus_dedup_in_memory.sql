-- Duplicates are recognised by the bus's in-memory window of recent message ids, rebuilt from this table at
-- start (ADR 0013). The unique key on (sender, message_id, recipient) put a random key into a B-tree for
-- every stored row and cost the writer about three quarters of its time; it goes.
DROP INDEX ux_bus_message_recipient;
