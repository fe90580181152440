import type { EmulatorRequest } from '../core/server.js';

/** One page of a list plus GitHub's `Link` header (`first`/`prev`/`next`/`last`), when there is more than one page. */
export function paginate<T>(req: EmulatorRequest, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number.parseInt(req.query.get('per_page') ?? '30', 10) || 30));
  const page = Math.max(1, Number.parseInt(req.query.get('page') ?? '1', 10) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string): string => {
    const url = new URL(req.url.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return { page: slice, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
