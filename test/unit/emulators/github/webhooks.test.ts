import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { deliverWebhook, signWebhookBody } from '../../../../emulators/github/webhooks.js';

describe('deliverWebhook', () => {
  it('POSTs the exact body with Hookshot headers and a verifiable X-Hub-Signature-256', async () => {
    const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const result = await deliverWebhook({
        url,
        event: 'issue_comment',
        payload: { action: 'created', installation: { id: 7 } },
        secret: 's3cret',
      });
      expect(result.status).toBe(202);
      const [got] = received;
      expect(got!.headers).toMatchObject({
        'x-github-event': 'issue_comment',
        'x-github-delivery': result.deliveryId,
        'content-type': 'application/json',
        'x-github-hook-installation-target-id': '7',
      });
      expect(String(got!.headers['user-agent'])).toMatch(/^GitHub-Hookshot\//);
      expect(result.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(got!.headers['x-hub-signature-256']).toBe(signWebhookBody(got!.body, 's3cret'));
      expect(await verify('s3cret', got!.body, String(got!.headers['x-hub-signature-256']))).toBe(true);
      await deliverWebhook({ url, event: 'ping', payload: {} });
      expect(received[1]!.headers).not.toHaveProperty('x-hub-signature-256');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
