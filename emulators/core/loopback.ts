import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A listening HTTP server that tracks its sockets so `close()` also ends stalled and keep-alive connections. */
export interface LoopbackListener {
  server: Server;
  /** Base URL, `http://<host>:<port>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on `host:port` (port 0 picks a free one) that runs `handler` per request; a rejected
 * handler is passed to `onError`, or answered with a bare 500 (socket destroyed when headers were already sent).
 */
export async function listenLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: {
    port?: number;
    host?: string;
    onError?: (error: unknown, req: IncomingMessage, res: ServerResponse) => void;
  } = {},
): Promise<LoopbackListener> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      try {
        if (options.onError) options.onError(error, req, res);
        else {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Internal emulator error\n');
        }
      } catch {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
