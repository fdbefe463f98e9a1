// A worker-scoped app server: each Playwright worker serves the build in
// TODOMVC_DIR with its own python3 -m http.server on a free port, as Romaine
// starts ROMAINE_APP_CMD per worker, and baseURL points there.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// ready polls the server until it answers, or the server exits, or 30 s pass.
async function ready(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the app server for ${url} exited with ${server.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`the app server at ${url} did not answer in 30 s: ${e}`);
    }
    await new Promise(r => setTimeout(r, 50)); // poll interval while the server starts
  }
}

export const test = base.extend<{}, { appURL: string }>({
  appURL: [async ({}, use) => {
    const dir = process.env.TODOMVC_DIR;
    if (!dir) throw new Error('TODOMVC_DIR is not set: the folder of the TodoMVC build to serve (scripts/thirdparty sets it)');
    const port = await freePort();
    const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
    try {
      const url = `http://127.0.0.1:${port}`;
      await ready(url + '/', server);
      await use(url);
    } finally {
      server.kill();
    }
  }, { scope: 'worker' }],
  baseURL: async ({ appURL }, use) => use(appURL),
});

export { expect } from '@playwright/test';
