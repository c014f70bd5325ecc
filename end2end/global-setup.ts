// Creates the staff accounts the tests sign in with, through the real CLI (password on stdin).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { e2eEnv } from './playwright.config';
import { STAFF } from './tests/fixtures';

export default async function globalSetup() {
  const bin = process.env.ENGAGE_BIN ?? path.resolve(__dirname, '../target/release/engage');
  for (const account of Object.values(STAFF)) {
    execFileSync(bin, ['create-staff', '--email', account.email, '--role', account.role, '--password-stdin'], {
      input: `${account.password}\n`,
      env: { ...process.env, ...e2eEnv },
      stdio: ['pipe', 'inherit', 'inherit'],
    });
  }
}
