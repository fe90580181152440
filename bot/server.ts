/**
 * The hosted bot: a Probot server (`npm run bot`). It verifies every webhook's signature (the secret is required),
 * acts once per delivery id, answers at once and finishes the work after the response (GitHub gives up after 10 s).
 *
 * Environment: WEBHOOK_SECRET (required), APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH (required), PORT (3000),
 * HOST (0.0.0.0), GITHUB_API_URL (https://api.github.com), WEBHOOK_PATH (/api/github/webhooks), LOG_LEVEL (info),
 * SHIPLINE_ROLLBACK_WORKFLOW (rollback.yml), SHIPLINE_DEPLOY_WORKFLOW (deploy.yml), SHIPLINE_THROTTLE (on; `off`), SHIPLINE_CONCURRENCY (8 handlers at a time).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createNodeMiddleware, Probot } from 'probot';
import { shiplineApp } from './app.js';
import { UnthrottledOctokit } from './octokit.js';
import { DeliveryLog, type ShiplineBotOptions } from './options.js';

export interface BotServerOptions extends ShiplineBotOptions {
  appId: number | string;
  privateKey: string;
  webhookSecret: string;
  /** GitHub's REST API (default https://api.github.com). */
  baseUrl?: string;
  port?: number;
  host?: string;
  webhookPath?: string;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /**
   * Space write requests out as GitHub asks (one a second per installation, more for comments): on by default.
   * Off (SHIPLINE_THROTTLE=off) for the emulator, tests and benchmarks.
   */
  throttle?: boolean;
  /** Handlers run at once after answering webhooks (default 8; SHIPLINE_CONCURRENCY). */
  concurrency?: number;
  /** The fetch Octokit uses (the benchmark times GitHub's share of a handler with it). */
  fetch?: typeof fetch;
}

export interface BotServer {
  /** The webhook URL. */
  url: string;
  server: Server;
  /** Resolves when every handler started so far has finished. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Work started after the webhook was answered, at most `limit` handlers at a time (the rest wait their turn), so
 * a burst of comments neither starves the answering of webhooks nor floods GitHub. Drained on shutdown and by tests.
 */
class BackgroundWork {
  private readonly running = new Set<Promise<void>>();
  private readonly waiting: Array<() => void> = [];
  private active = 0;

  constructor(private readonly limit: number) {}

  readonly run = (work: () => Promise<void>): void => {
    const task = this.slot()
      .then(work)
      .finally(() => {
        this.active--;
        this.waiting.shift()?.();
        this.running.delete(task);
      });
    this.running.add(task);
  };

  private slot(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.active++;
        resolve();
      }),
    );
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** Thrown for a server that cannot start safely; the message says what to set. */
export class BotConfigError extends Error {
  override name = 'BotConfigError';
}

/** Starts the hosted bot on HTTP. */
export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  if (!options.webhookSecret) {
    throw new BotConfigError(
      'WEBHOOK_SECRET is not set: the bot will not accept webhooks it cannot verify. Set it to the webhook secret of your GitHub App (Settings → Developer settings → GitHub Apps → your app).',
    );
  }
  if (!options.appId || !options.privateKey) {
    throw new BotConfigError(
      'APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required: they are the GitHub App id and the private key (.pem) generated in its settings.',
    );
  }
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.webhookSecret,
    logLevel: options.logLevel ?? 'info',
    ...(options.throttle === false ? { Octokit: UnthrottledOctokit } : {}),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const background = new BackgroundWork(Math.max(1, options.concurrency ?? 8));
  const webhookPath = options.webhookPath ?? '/api/github/webhooks';
  const middleware = await createNodeMiddleware(
    shiplineApp({
      ...options,
      deliveries: options.deliveries ?? new DeliveryLog(),
      // The host's own defer (the benchmark's) still runs in the background.
      defer: (work, event) => background.run(options.defer ? async () => options.defer?.(work, event) : work),
    }),
    { probot, webhooksPath: webhookPath },
  );
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\n');
      return;
    }
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`Not found. Webhooks go to POST ${webhookPath}.\n`);
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '0.0.0.0', () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}${webhookPath}`,
    server,
    drain: () => background.drain(),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await background.drain();
    },
  };
}

/** Reads the server's settings from the environment; throws BotConfigError naming what is missing. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): BotServerOptions {
  let privateKey = env.PRIVATE_KEY ?? '';
  if (!privateKey && env.PRIVATE_KEY_PATH) {
    try {
      privateKey = readFileSync(env.PRIVATE_KEY_PATH, 'utf8');
    } catch (error) {
      throw new BotConfigError(`PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH} cannot be read: ${(error as Error).message}`);
    }
  }
  if (privateKey && !privateKey.includes('-----BEGIN')) privateKey = Buffer.from(privateKey, 'base64').toString('utf8');
  privateKey = privateKey.replace(/\\n/g, '\n');
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new BotConfigError(`PORT ${env.PORT} is not a port number.`);
  const level = env.LOG_LEVEL as BotServerOptions['logLevel'] | undefined;
  const workflows: NonNullable<ShiplineBotOptions['workflows']> = {};
  if (env.SHIPLINE_ROLLBACK_WORKFLOW) workflows.rollback = env.SHIPLINE_ROLLBACK_WORKFLOW;
  if (env.SHIPLINE_DEPLOY_WORKFLOW) workflows.deploy = env.SHIPLINE_DEPLOY_WORKFLOW;
  return {
    appId: env.APP_ID ?? '',
    privateKey,
    webhookSecret: env.WEBHOOK_SECRET ?? '',
    port,
    host: env.HOST || '0.0.0.0',
    throttle: env.SHIPLINE_THROTTLE !== 'off',
    ...(env.SHIPLINE_CONCURRENCY ? { concurrency: Number(env.SHIPLINE_CONCURRENCY) } : {}),
    workflows,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    ...(env.WEBHOOK_PATH ? { webhookPath: env.WEBHOOK_PATH } : {}),
    ...(level ? { logLevel: level } : {}),
  };
}

/** `npm run bot`: start from the environment, stop cleanly on SIGTERM/SIGINT after finishing started work. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let bot: BotServer;
  try {
    bot = await startBotServer(optionsFromEnv(env));
  } catch (error) {
    console.error(`shipline bot: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  console.log(`Shipline bot listening: webhooks to ${bot.url}`);
  const stop = () => {
    console.log('Shipline bot stopping: finishing started work…');
    void bot.close().then(() => console.log('Shipline bot stopped.'));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) await main();
