import { test, expect, type Page } from '@playwright/test';
import { STAFF, expectNoA11yViolations, trackConsoleErrors } from './fixtures';

const SECTION = '/strategy/health-and-human-services';

async function approveEverything(page: Page, javaScript: boolean) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.moderator.email);
  await page.getByLabel('Password').fill(STAFF.moderator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Moderation queue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
  await expectNoA11yViolations(page, { javaScript });
  while ((await page.getByRole('button', { name: 'Approve and publish' }).count()) > 0) {
    const before = await page.getByRole('button', { name: 'Approve and publish' }).count();
    await page.getByRole('button', { name: 'Approve and publish' }).first().click();
    await expect(page.getByRole('button', { name: 'Approve and publish' })).toHaveCount(before - 1);
  }
  await page.getByRole('link', { name: 'Back to the staff dashboard' }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`comments, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a resident comments on a paragraph, a moderator approves, the comment appears as text', async ({ page }) => {
      const errors = javaScriptEnabled ? trackConsoleErrors(page) : [];
      const marker = javaScriptEnabled ? 'with-js' : 'without-js';
      await page.goto(SECTION);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      await page.getByRole('link', { name: 'Comment on paragraph 2' }).click();
      await expect(page.getByText('You are commenting on paragraph 2.')).toBeVisible();
      await page.getByLabel('Your comment').fill(`Crisis teams at night matter <script>alert("${marker}")</script>`);
      await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Social service provider' });
      await page.getByLabel('Name to show (optional)').fill(`Sam ${marker}`);
      await page.getByLabel('I understand that my comment will be published on this site.').check();
      await page.waitForTimeout(3_100);
      await page.getByRole('button', { name: 'Send comment' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Thank you, we received your comment' })).toBeVisible();
      await expect(page.getByRole('status')).toContainText(/CSWB-C-\d{5}/);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await approveEverything(page, javaScriptEnabled);
      await page.goto(SECTION);
      const comment = page.getByRole('listitem').filter({ hasText: `Sam ${marker}` });
      await expect(comment).toContainText(`<script>alert("${marker}")</script>`);
      await expect(comment).toContainText('Paragraph 2');
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      expect(errors, 'no hydration or CSP errors').toEqual([]);
    });

    test('2,001 characters are refused and the text is kept', async ({ page }) => {
      await page.goto(SECTION);
      const long = 'x'.repeat(2_001);
      await page.getByLabel('Your comment').fill(long);
      await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
      await page.getByLabel('I understand that my comment will be published on this site.').check();
      await page.waitForTimeout(3_100);
      await page.getByRole('button', { name: 'Send comment' }).click();
      await expect(page.getByRole('alert')).toContainText('Shorten your comment to 2,000 characters or fewer');
      await expect(page.getByLabel('Your comment')).toHaveValue(long);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    });
  });
}

test('a reader reports a published comment by keyboard, and the report page passes axe', async ({ page }) => {
  await page.goto('/strategy/health-and-human-services');
  const report = page.getByRole('link', { name: 'Report this comment' }).first();
  await expect(report).toBeVisible();
  await report.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Report a comment' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel('Abusive').check();
  // The public forms refuse posts made within seconds of the page (a bot timer).
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Thank you. A moderator will look at the comment you reported.')).toBeVisible();
});
