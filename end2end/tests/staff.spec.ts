import { test, expect, type Page } from '@playwright/test';
import { STAFF, expectNoA11yViolations, trackConsoleErrors, enterCode } from './fixtures';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`staff sign-in, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an admin signs in, opens staff accounts and signs out', async ({ page }) => {
      const errors = trackConsoleErrors(page);
      await page.goto('/staff');
      await expect(page).toHaveURL(/\/staff\/sign-in\?next=\/staff$/);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByLabel('Email address').fill(STAFF.admin.email);
      await page.getByLabel('Password').fill(STAFF.admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await enterCode(page, STAFF.admin.totp);
      await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
      await expect(page.getByText(`Signed in as ${STAFF.admin.email} (Administrator).`)).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByRole('link', { name: 'Staff accounts' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
      await expect(page.getByRole('cell', { name: STAFF.moderator.email, exact: true })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByRole('link', { name: 'Back to the staff dashboard' }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expect(page.getByText('You are signed out.')).toBeVisible();
      await page.goto('/staff');
      await expect(page).toHaveURL(/\/staff\/sign-in/);
      expect(errors).toEqual([]);
    });

    test('a wrong password shows the error summary and keeps the email', async ({ page }) => {
      await signIn(page, STAFF.moderator.email, 'not the right password');
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('There is a problem with what you entered');
      await expect(summary.getByRole('link', { name: /do not match an active staff account/ })).toBeVisible();
      await expect(page.getByLabel('Email address')).toHaveValue(STAFF.moderator.email);
      await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
      if (!javaScriptEnabled) {
        // The server never sends a password back; with JavaScript the typed text simply stays.
        await expect(page.getByLabel('Password')).toHaveValue('');
      }
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    });

    test('a moderator gets 403 on the admin-only page', async ({ page }) => {
      await signIn(page, STAFF.moderator.email, STAFF.moderator.password);
      await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);
      const response = await page.goto('/staff/accounts');
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    });
  });
}
