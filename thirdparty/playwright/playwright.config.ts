// The Playwright twin of ../todomvc.feature: the same scenarios, run against the
// TodoMVC build in TODOMVC_DIR, served per worker as Romaine serves it
// (python3 -m http.server, see fixtures.ts). Run by make thirdparty-compare
// (scripts/thirdparty -compare), never by make test.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: 'todomvc.spec.ts',
  fullyParallel: true, // scenarios spread over the workers, as Romaine's do
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 }, // Romaine's step timeout
  outputDir: '../../bin/thirdparty/playwright-results',
  use: {
    actionTimeout: 5_000,
    navigationTimeout: 30_000,
    browserName: 'chromium',
    launchOptions: {
      // The machine's Chromium: no browser is ever downloaded (no npx playwright install).
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run', '--disable-quic'],
    },
  },
});
