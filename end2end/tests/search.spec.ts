import { test, expect, type Page } from '@playwright/test';
import { STAFF, expectNoA11yViolations } from './fixtures';

// A word no other test writes, so the shared database's other comments stay out of the results.
function marker(): string {
  return `plummerpark${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

async function comment(page: Page, text: string, group: string) {
  await page.goto('/strategy/neighborhood-livability');
  await page.getByLabel('Your comment').fill(text);
  await page.getByLabel('Which group do you belong to?').selectOption({ label: group });
  await page.getByLabel('I understand that my comment will be published on this site.').check();
  // The form refuses submissions faster than a person could write one.
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you, we received your comment' })).toBeVisible();
}

async function signInAsAnalyst(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.analyst.email);
  await page.getByLabel('Password').fill(STAFF.analyst.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
}

async function addTheme(page: Page, name: string) {
  await page.goto('/staff/themes');
  await expect(page.getByRole('heading', { level: 1, name: 'Codebook of themes' })).toBeVisible();
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel('Keywords in English').fill('lamppost');
  await page.getByRole('button', { name: 'Add the theme' }).click();
  await expect(page.getByRole('status')).toHaveText('The theme is saved.');
  await expect(page.getByRole('rowheader', { name })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`search and themes, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an analyst searches, tags every result at once, and sees the theme by group', async ({ page }) => {
      const word = marker();
      await comment(page, `Street lighting is poor near the park ${word}.`, 'Business');
      await comment(page, `More lights at the park entrance, please ${word}.`, 'Resident');
      await comment(page, `Parking is hard near the park ${word}.`, 'Resident');
      await signInAsAnalyst(page);
      const theme = `Park lighting ${word}`;
      await addTheme(page, theme);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.goto('/staff');
      await page.getByRole('navigation', { name: 'Staff tools' }).getByRole('link', { name: 'Search what people wrote' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Search what people wrote' })).toBeVisible();
      await page.getByLabel('Words').fill(`light ${word}`);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: '2 results' })).toBeVisible();
      // "light" finds "lighting" and "lights", each marked.
      await expect(page.locator('mark', { hasText: 'lighting' })).toBeVisible();
      await expect(page.locator('mark', { hasText: 'lights' })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      const bulk = page.getByRole('form', { name: 'Tag every result' });
      await bulk.getByLabel('Theme for every result').selectOption({ label: theme });
      await bulk.getByRole('button', { name: 'Tag all 2 results' }).click();
      await expect(page.getByRole('status')).toHaveText(`2 more items now carry “${theme}”.`);
      await expect(page.getByRole('list', { name: 'Themes' })).toHaveCount(2);

      // One at a time, from the item: the parking comment gets the theme, then loses it again.
      await page.getByLabel("Words").fill(`hard ${word}`);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: '1 result' })).toBeVisible();
      await page.getByLabel(/^Add a theme/).selectOption({ label: theme });
      await page.getByRole('button', { name: /^Tag \(/ }).click();
      await expect(page.getByRole('list', { name: 'Themes' })).toContainText(theme);
      await page.getByRole('button', { name: /^Remove\s*:/ }).click();
      await expect(page.getByRole('list', { name: 'Themes' })).toHaveCount(0);

      await page.goto('/staff/feedback');
      const table = page.getByRole('table', { name: 'Tagged items per theme and stakeholder group' });
      const row = table.getByRole('row').filter({ hasText: theme });
      await expect(row.getByRole('cell').first()).toHaveText('2');
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    });
  });
}

test('the search, codebook and suggestions pages pass axe in Spanish and Russian', async ({ page }) => {
  await signInAsAnalyst(page);
  for (const lang of ['es', 'ru']) {
    for (const path of ['/staff/search?q=parque', '/staff/themes', '/staff/themes/suggestions']) {
      await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoA11yViolations(page);
    }
  }
});
