import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliInputError } from '../cli-error';

/**
 * Starts `server` on `host`:`port` (0 = any free port) and returns the address it listens on.
 * @throws CliInputError when the port is in use, the host is not an address of this machine or
 *   the port needs privileges — one line naming the flag.
 */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      const messages: Record<string, string> = {
        EADDRINUSE: `--port ${port} is in use on ${host}; choose another with --port N (--port 0 picks a free one)`,
        EACCES: `--port ${port} needs privileges on ${host}; choose a port above 1023`,
        EADDRNOTAVAIL: `--host must be an address of this machine, got '${host}'`,
        ENOTFOUND: `--host must be an address of this machine, got '${host}'`,
      };
      reject(
        new CliInputError(
          messages[error.code ?? ''] ?? `could not listen on ${where}: ${error.message}`,
        ),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** The URL of an address: `http://127.0.0.1:8765/`, `http://[::1]:8765/`. */
export function addressUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}
