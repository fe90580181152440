import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookDelivery {
  /** Where to POST (the bot's webhook URL). */
  url: string;
  /** `X-GitHub-Event`, e.g. `issue_comment`. */
  event: string;
  payload: unknown;
  /** Webhook secret used for `X-Hub-Signature-256`; no signature headers when empty. */
  secret?: string;
  /** `X-GitHub-Delivery`; a fresh UUID when omitted. */
  deliveryId?: string;
}

export interface WebhookResult {
  status: number;
  body: string;
  deliveryId: string;
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact body bytes, as GitHub signs deliveries. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** POSTs a webhook the way GitHub's Hookshot does (headers, signature of the exact body) and returns the answer. */
export async function deliverWebhook(delivery: WebhookDelivery): Promise<WebhookResult> {
  const body = JSON.stringify(delivery.payload);
  const deliveryId = delivery.deliveryId ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/5a9e1c2',
    'x-github-event': delivery.event,
    'x-github-delivery': deliveryId,
    'x-github-hook-id': '1',
  };
  const installation = (delivery.payload as { installation?: { id?: number } } | null)?.installation;
  if (installation?.id !== undefined) {
    headers['x-github-hook-installation-target-type'] = 'integration';
    headers['x-github-hook-installation-target-id'] = String(installation.id);
  }
  if (delivery.secret) {
    headers['x-hub-signature'] = `sha1=${createHmac('sha1', delivery.secret).update(body, 'utf8').digest('hex')}`;
    headers['x-hub-signature-256'] = signWebhookBody(body, delivery.secret);
  }
  const res = await fetch(delivery.url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text(), deliveryId };
}
