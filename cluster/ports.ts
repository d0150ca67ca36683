import * as net from 'node:net';

/**
 * Asks the kernel for `count` distinct free TCP ports on 127.0.0.1.
 * All listeners stay open until every port is known, so the kernel cannot hand out the same port twice.
 * A port may still be taken by someone else between this call and the component binding it; the
 * component then exits with "address already in use", which the start-up wait reports.
 */
export async function pickFreePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      ports.push(await listenOnAnyPort(server));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

function listenOnAnyPort(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error(`unexpected listen address ${String(address)}`));
      else resolve(address.port);
    });
  });
}
