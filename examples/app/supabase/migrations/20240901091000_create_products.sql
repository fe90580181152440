set lock_timeout = '5s';

create table public.products (
  id bigint generated always as identity primary key,
  sku text not null unique,
  name text not null,
  description text,
  price_cents integer not null check (price_cents >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

alter table public.products enable row level security;

-- The catalogue is public; only the service role (the admin backend) writes to it.
create policy "Active products are visible to everyone"
  on public.products for select
  to anon, authenticated
  using (active);
