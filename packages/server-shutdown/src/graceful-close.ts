import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface GracefulClose {
  /**
   * Stops taking connections and closes the ones with no request in progress; resolves once the requests
   * in progress have been answered and their connections closed.
   */
  close(): Promise<void>;
  /**
   * Closes the connections with no request in progress, for a framework that closes the server itself
   * (Fastify's close): call it right after.
   */
  closeUnused(): void;
}

/**
 * Graceful shutdown for a node:http server. Node closes idle keep-alive connections on close, but a connection
 * on which no request has arrived yet counts as busy (its headers timeout runs from the connect): a client's
 * spare connection, or a load balancer's pre-opened one, would hold the shutdown for up to the headers
 * timeout plus the connection-checking interval (90 s by default). Those are closed at once; a request
 * whose bytes have started to arrive is left to finish, and its connection is closed soon after its answer
 * rather than kept alive for the client's next request.
 */
export function closeGracefully(server: Server): GracefulClose {
  const open = new Set<Socket>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  function closeUnused(): void {
    if (!closing) {
      closing = true;
      // Connections answering a request now turn idle once answered: closed on the next sweep.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      sweep.unref();
      server.once('close', () => clearInterval(sweep));
    }
    server.closeIdleConnections();
    for (const socket of open) if (socket.bytesRead === 0) socket.destroy();
  }
  return {
    closeUnused,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        closeUnused();
      }),
  };
}
