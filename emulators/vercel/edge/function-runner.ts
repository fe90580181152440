/**
 * Source of the small program that hosts one Vercel Node.js function in a child process: it imports the
 * `.vc-config.json` handler, serves it on a loopback port (printed as `{"port":…}` on the first stdout line) and
 * supports both handler styles Vercel's Node launcher does — `(req, res)` (with the optional helpers
 * `req.query`, `req.cookies`, `req.body`, `res.status()`, `res.json()`, `res.send()`, `res.redirect()`) and web
 * handlers (`export function GET(request)` or `export default { fetch }`).
 */
export const FUNCTION_RUNNER_SOURCE = String.raw`
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const [handlerPath, helpersFlag] = process.argv.slice(2);
const mod = await import(pathToFileURL(handlerPath).href);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
let exported = mod.default;
if (exported && typeof exported === 'object' && typeof exported.default === 'function') exported = exported.default;
const webFetch = exported && typeof exported === 'object' && typeof exported.fetch === 'function'
  ? exported.fetch.bind(exported) : undefined;
const webByMethod = METHODS.some((m) => typeof mod[m] === 'function');

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toRequest(req, body) {
  const host = req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost';
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) headers.append(k, item);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && body.length > 0;
  return new Request(new URL(req.url, 'https://' + host), { method: req.method, headers, body: hasBody ? body : undefined });
}

async function sendResponse(res, response) {
  res.statusCode = response.status;
  const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
  response.headers.forEach((value, key) => { if (key !== 'set-cookie') res.setHeader(key, value); });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) { res.end(); return; }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

function addHelpers(req, res, body) {
  const url = new URL(req.url, 'http://localhost');
  const query = {};
  for (const [k, v] of url.searchParams) {
    query[k] = k in query ? [].concat(query[k], v) : v;
  }
  req.query = query;
  const cookies = {};
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) cookies[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  req.cookies = cookies;
  let parsed;
  let done = false;
  Object.defineProperty(req, 'body', {
    configurable: true,
    enumerable: true,
    get() {
      if (done) return parsed;
      done = true;
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim();
      if (body.length === 0) parsed = undefined;
      else if (type === 'application/json') {
        try { parsed = JSON.parse(body.toString('utf8')); } catch { throw Object.assign(new Error('Invalid JSON'), { statusCode: 400 }); }
      } else if (type === 'application/x-www-form-urlencoded') parsed = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
      else if (type === 'text/plain') parsed = body.toString('utf8');
      else parsed = body;
      return parsed;
    },
  });
  res.status = (code) => { res.statusCode = code; return res; };
  res.json = (value) => {
    if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(value));
    return res;
  };
  res.send = (value) => {
    if (value === null || value === undefined) { res.end(); return res; }
    if (Buffer.isBuffer(value)) {
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
      res.end(value);
      return res;
    }
    if (typeof value === 'object') return res.json(value);
    if (!res.getHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(String(value));
    return res;
  };
  res.redirect = (a, b) => {
    const [status, location] = typeof a === 'number' ? [a, b] : [307, a];
    res.statusCode = status;
    res.setHeader('location', location);
    res.end();
    return res;
  };
}

const server = createServer(async (req, res) => {
  try {
    if (webFetch || webByMethod) {
      const handler = webFetch ?? mod[req.method] ?? (req.method === 'HEAD' ? mod.GET : undefined);
      if (!handler) { res.statusCode = 405; res.end(); return; }
      const response = await handler(toRequest(req, await readBody(req)));
      await sendResponse(res, response);
      return;
    }
    if (typeof exported !== 'function') throw new Error('No default export found in ' + handlerPath);
    if (helpersFlag === '1') addHelpers(req, res, await readBody(req));
    await exported(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.setHeader('x-vercel-error', 'FUNCTION_INVOCATION_FAILED');
      res.end('A server error has occurred\n\nFUNCTION_INVOCATION_FAILED\n');
    } else {
      res.destroy();
    }
  }
});
// The parent holds our stdin open; when it goes away (even if it was killed), so do we.
process.stdin.on('close', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
`;
