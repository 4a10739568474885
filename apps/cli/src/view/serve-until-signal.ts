import type { Server } from 'node:http';

/**
 * Resolves when SIGINT or SIGTERM arrives (Ctrl-C), after the server has stopped accepting
 * connections and its open ones are closed.
 */
export function serveUntilSignal(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
