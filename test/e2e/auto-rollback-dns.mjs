// Test-only stand-in for DNS, loaded with `node --import` into the bundled action: `*.vercel.app` hosts do not
// resolve on this machine, so fetches to them go to the Vercel emulator's edge, which routes by the
// `x-vercel-deployment-url` header (emulators/vercel/README.md). Everything else goes out unchanged.
const edge = process.env.SHIPLINE_TEST_VERCEL_EDGE;
const realFetch = globalThis.fetch;
if (edge) {
  globalThis.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (!url.hostname.endsWith('.vercel.app')) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('x-vercel-deployment-url', url.host);
    return realFetch(`${edge}${url.pathname}${url.search}`, { ...init, headers });
  };
}
