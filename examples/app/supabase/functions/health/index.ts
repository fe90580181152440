// The shop's health check: smoke tests call it after every deploy and rollback.
import { corsHeaders, json } from '../_shared/cors.ts';

Deno.serve((req: Request) => {
  if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders });
  return json({
    status: 'ok',
    function: 'health',
    release: Deno.env.get('SHOP_RELEASE') ?? 'dev',
  });
});
