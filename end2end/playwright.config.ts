// End-to-end tests in Debian's Chromium against the release build, on a throwaway SQLite database.
import { defineConfig } from '@playwright/test';
import * as path from 'node:path';

const port = Number(process.env.ENGAGE_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, '..');
const bin = process.env.ENGAGE_BIN ?? path.join(root, 'target/release/engage');
const tmp = path.join(__dirname, '.tmp');

// The tests must not depend on today's date: they run on a copy of the CSWB pack whose comment
// period surrounds today.
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const content = path.join(tmp, 'content');
const prepareContent = [
  `cp -r "${path.join(root, 'server/content/cswb')}" "${content}"`,
  `sed -i -e 's/^opens_on = .*/opens_on = "${isoDay(-30)}"/' -e 's/^closes_on = .*/closes_on = "${isoDay(30)}"/' "${content}/consultation.toml"`,
].join(' && ');

export const e2eEnv = {
  DATABASE_URL: `sqlite://${tmp}/e2e.db?mode=rwc`,
  ENGAGE_DATA_DIR: tmp,
  LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? path.join(root, 'target/site'),
  LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
  ENGAGE_PUBLIC_URL: baseURL,
  ENGAGE_CONTENT_DIR: content,
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
    command: `rm -rf "${tmp}" && mkdir -p "${tmp}" && ${prepareContent} && exec "${bin}" serve`,
    url: `${baseURL}/readyz`,
    env: e2eEnv,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
