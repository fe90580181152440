/**
 * The HTTP probe: one request to a path of the deployment. The Deployment Protection bypass secret is sent only to
 * the deployment's own origin (a redirect elsewhere never carries it) and never appears in results.
 */
import { brokenExpectation, type HttpExpectations } from '../expectations.js';
import type { Probe, ProbeResult } from '../types.js';
import { elapsed, overBudget, probeErrorText, probeSignal } from './timing.js';

export interface HttpProbeSpec {
  name: string;
  path: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  latencyBudgetMs?: number;
  expect: HttpExpectations;
}

export interface HttpProbeOptions {
  /** The deployment's base URL, e.g. `https://app-abc123.vercel.app`. */
  baseUrl: string;
  /** Vercel "Protection Bypass for Automation" secret, sent as `x-vercel-protection-bypass`. */
  bypassSecret?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Redacts secrets from error text before it is stored. */
  redact?: (text: string) => string;
}

const MAX_REDIRECTS = 5;

/** Builds a probe that requests `spec.path` on the deployment and checks the answer. */
export function httpProbe(spec: HttpProbeSpec, options: HttpProbeOptions): Probe {
  const doFetch = options.fetch ?? fetch;
  const redact = options.redact ?? ((t: string) => t);
  const origin = new URL(options.baseUrl).origin;
  return {
    name: spec.name,
    kind: 'http',
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal: AbortSignal): Promise<ProbeResult> {
      const started = performance.now();
      try {
        let url = new URL(spec.path, options.baseUrl);
        let method = spec.method;
        let body: string | undefined = spec.body;
        let response: Response | undefined;
        for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
          const headers = new Headers(spec.headers);
          if (options.bypassSecret && url.origin === origin) {
            headers.set('x-vercel-protection-bypass', options.bypassSecret);
          }
          response = await doFetch(url, {
            method,
            headers,
            body: method === 'GET' || method === 'HEAD' ? undefined : body,
            redirect: 'manual',
            signal: probeSignal(signal, options.timeoutMs),
          });
          const location = response.headers.get('location');
          if (response.status < 300 || response.status >= 400 || !location || hop === MAX_REDIRECTS) break;
          await response.body?.cancel();
          url = new URL(location, url);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
          }
        }
        if (!response) throw new Error('no response');
        const text = spec.method === 'HEAD' ? '' : await response.text();
        const latencyMs = elapsed(started);
        const broken =
          brokenExpectation({ status: response.status, headers: response.headers, body: text }, spec.expect) ??
          overBudget(latencyMs, spec.latencyBudgetMs);
        return {
          ok: broken === undefined,
          answered: true,
          latencyMs,
          status: response.status,
          ...(broken ? { error: redact(broken) } : {}),
        };
      } catch (error) {
        return {
          ok: false,
          answered: false,
          latencyMs: elapsed(started),
          error: redact(probeErrorText(error, options.timeoutMs)),
        };
      }
    },
  };
}
