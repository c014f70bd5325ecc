// Creates the staff accounts the tests sign in with, through the real CLI (password on stdin).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { e2eEnv } from './playwright.config';
import { STAFF } from './tests/fixtures';

export default async function globalSetup() {
  const bin = process.env.ENGAGE_BIN ?? path.resolve(__dirname, '../target/release/engage');
  for (const account of Object.values(STAFF)) {
    // An admin's authenticator secret follows the password on stdin.
    const totp = 'totp' in account ? account.totp : undefined;
    const args = ['create-staff', '--email', account.email, '--role', account.role, '--password-stdin'];
    execFileSync(bin, totp ? [...args, '--totp-secret-stdin'] : args, {
      input: totp ? `${account.password}\n${totp}\n` : `${account.password}\n`,
      env: { ...process.env, ...e2eEnv },
      stdio: ['pipe', 'inherit', 'inherit'],
    });
  }
}
