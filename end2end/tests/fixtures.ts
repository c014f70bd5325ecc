// Shared test data and the accessibility check every page goes through.
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const STAFF = {
  // Admins sign in with a code from an authenticator app; this is the secret the app holds.
  admin: { email: 'admin@e2e.example', role: 'admin', password: 'e2e admin password long', totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  moderator: { email: 'moderator@e2e.example', role: 'moderator', password: 'e2e moderator password' },
  analyst: { email: 'analyst@e2e.example', role: 'analyst', password: 'e2e analyst password long' },
} as const;

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Runs axe-core with the WCAG 2.1 A and AA rules; any violation fails the test with its details.
 * axe is itself JavaScript, so for a page shown with JavaScript disabled it checks the same URL in a
 * second page that has the app's own script and WebAssembly blocked: the same server-rendered HTML.
 */
export async function expectNoA11yViolations(page: Page, options: { javaScript?: boolean } = {}) {
  if (options.javaScript ?? true) {
    expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
    return;
  }
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to open a second page in');
  const context = await browser.newContext({ storageState: await page.context().storageState(), javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route('**/pkg/*.js', (route) => route.abort());
    await copy.route('**/pkg/*.wasm', (route) => route.abort());
    await copy.goto(page.url());
    expect(await axeViolations(copy), `axe violations on ${page.url()} (no JavaScript)`).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Collects console errors (CSP violations and hydration failures show up here). */
export function trackConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** The 6-digit code an authenticator app holding this base32 secret shows now (RFC 6238, SHA-1). */
export function totpCode(secret: string, at: number = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const bytes = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', bytes).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

// The portal accepts each code once (RFC 6238, 5.2), and the suite signs the same admin in many
// times a minute: the steps already used are kept in a file, so a restarted worker knows them too.
const usedStepsFile = path.join(__dirname, '..', '.tmp', 'totp-steps.json');

function usedSteps(): Record<string, number> {
  return existsSync(usedStepsFile) ? JSON.parse(readFileSync(usedStepsFile, 'utf8')) : {};
}

/** A code the portal has not accepted yet: now, else the next (accepted a step early), else wait. */
async function unspentCode(page: Page, secret: string): Promise<string> {
  const steps = usedSteps();
  const nowStep = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep(), (steps[secret] ?? 0) + 1);
  if (step > nowStep() + 1) {
    // A third sign-in within 30 seconds waits for the app's next code, as a person would; the
    // wait is the test's extra time, not part of what it measures.
    test.info().setTimeout(test.info().timeout + 35_000);
    while (step > nowStep() + 1) await page.waitForTimeout(500);
  }
  mkdirSync(path.dirname(usedStepsFile), { recursive: true });
  writeFileSync(usedStepsFile, JSON.stringify({ ...steps, [secret]: step }));
  return totpCode(secret, step * 30_000);
}

/** The second step of an admin's sign-in: the code from their app. */
export async function enterCode(page: Page, secret: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
  await page.getByLabel(/^Code/).fill(await unspentCode(page, secret));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The first link matching `link` in the newest .eml the portal wrote to this address
 * (quoted-printable undone); waits up to ten seconds for the outbox.
 */
export async function linkInEmail(address: string, link: RegExp): Promise<string> {
  const outbox = path.join(__dirname, '..', '.tmp', 'outbox');
  for (let attempt = 0; attempt < 40; attempt++) {
    const files = existsSync(outbox)
      ? readdirSync(outbox)
          .filter((f) => f.endsWith('.eml'))
          .sort((a, b) => statSync(path.join(outbox, b)).mtimeMs - statSync(path.join(outbox, a)).mtimeMs)
      : [];
    for (const file of files) {
      const text = readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const found = text.includes(`To: ${address}`) ? text.match(link)?.[0] : undefined;
      if (found) return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no email to ${address} with a link like ${link} in ${outbox}`);
}

/** The contact form filled in as a resident would, then the wait the bot timer asks for. */
export async function fillInquiry(page: Page, email: string, message: string) {
  await page.getByLabel('Your name').fill('Ana Resident');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
  await page.getByLabel('ZIP code').fill('90069');
  await page.getByLabel('Topic').selectOption({ label: 'The draft strategy' });
  await page.getByLabel('Your message').fill(message);
  await page.getByLabel('The city may contact me about this message.').check();
  // The form refuses submissions faster than a person could write one.
  await page.waitForTimeout(3_100);
}
