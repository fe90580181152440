// The local cloud's name resolution for Vercel hosts, loaded into a process with `node --import` (NODE_OPTIONS):
// `*.vercel.app` does not resolve to the emulator, so fetches to those hosts go to the Vercel emulator's
// Host-routed edge (VERCEL_EDGE_URL) with the host in `x-vercel-deployment-url`. Every other request is untouched.
const edge = process.env.VERCEL_EDGE_URL;
const realFetch = globalThis.fetch;
if (edge) {
  globalThis.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (!url.hostname.endsWith('.vercel.app')) return realFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('x-vercel-deployment-url', url.host);
    return realFetch(`${edge.replace(/\/$/, '')}${url.pathname}${url.search}`, { ...init, headers });
  };
}
