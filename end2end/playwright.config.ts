// End-to-end tests in Debian's Chromium against the release build, on a throwaway SQLite database.
import { defineConfig } from '@playwright/test';
import * as path from 'node:path';

const port = Number(process.env.ENGAGE_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, '..');
const bin = process.env.ENGAGE_BIN ?? path.join(root, 'target/release/engage');
const tmp = path.join(__dirname, '.tmp');

export const e2eEnv = {
  DATABASE_URL: `sqlite://${tmp}/e2e.db?mode=rwc`,
  ENGAGE_DATA_DIR: tmp,
  LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(root, 'target/site'),
  LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
  ENGAGE_PUBLIC_URL: baseURL,
  LEPTOS_ENV: 'PROD',
  RUST_LOG: 'warn',
};

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  globalSetup: './global-setup.ts',
  use: {
    baseURL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `rm -rf "${tmp}" && mkdir -p "${tmp}" && exec "${bin}" serve`,
    url: `${baseURL}/readyz`,
    env: e2eEnv,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
