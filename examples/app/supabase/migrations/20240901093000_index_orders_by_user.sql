-- shipline:no-transaction
-- CREATE INDEX CONCURRENTLY cannot run inside a transaction, so this file runs on its own, statement by
-- statement. If it fails half-way, drop the INVALID index before re-running.
set lock_timeout = '5s';

create index concurrently if not exists orders_user_id_created_at_idx
  on public.orders (user_id, created_at desc);
