// Health endpoint of the example app: reports the release version (APP_VERSION), the region it runs in and
// whether the Supabase URL it was given is usable.

function supabaseStatus(value) {
  if (value === undefined || value === '') return 'not-configured';
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? 'configured' : 'invalid';
  } catch {
    return 'invalid';
  }
}

export default function handler(_req, res) {
  const supabase = supabaseStatus(process.env.SUPABASE_URL);
  const ok = supabase !== 'invalid';
  res.statusCode = ok ? 200 : 500;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(
    JSON.stringify({
      ok,
      version: process.env.APP_VERSION ?? 'dev',
      region: process.env.VERCEL_REGION ?? 'dev1',
      supabase,
    }),
  );
}
