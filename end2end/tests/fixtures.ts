// Shared test data and the accessibility check every page goes through.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const STAFF = {
  admin: { email: 'admin@e2e.example', role: 'admin', password: 'e2e admin password long' },
  moderator: { email: 'moderator@e2e.example', role: 'moderator', password: 'e2e moderator password' },
} as const;

/** Runs axe-core with the WCAG 2.1 A and AA rules; any violation fails the test with its details. */
export async function expectNoA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
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
