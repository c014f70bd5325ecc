import { test, expect, type Page } from '@playwright/test';
import { STAFF, enterCode, expectNoA11yViolations, totpCode, trackConsoleErrors, linkInEmail } from './fixtures';

async function signInAsAdmin(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.admin.email);
  await page.getByLabel('Password').fill(STAFF.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, STAFF.admin.totp);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`staff accounts, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an invited admin chooses a password, sets up two-factor and signs in', async ({ page, browser }) => {
      const errors = trackConsoleErrors(page);
      const invited = `invited-admin-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@e2e.example`;
      await signInAsAdmin(page);
      await page.getByRole('link', { name: 'Staff accounts' }).click();
      await page.getByLabel('Email address').fill(invited);
      await page.getByLabel(/^Role/).selectOption({ label: 'Administrator' });
      await page.getByRole('button', { name: 'Send the invitation' }).click();
      await expect(page.getByRole('status')).toContainText('Invitation sent.');
      await expect(page.getByRole('cell', { name: invited, exact: true })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      // The invited person, in a browser of their own.
      const context = await browser.newContext({ javaScriptEnabled });
      const newcomer = await context.newPage();
      await newcomer.goto(await linkInEmail(invited, /\/staff\/password\/[A-Za-z0-9_-]+/));
      await expect(newcomer.getByRole('heading', { level: 1, name: 'Welcome to Engage: choose your password' })).toBeVisible();
      await expectNoA11yViolations(newcomer, { javaScript: javaScriptEnabled });
      await newcomer.getByLabel(/^New password \(required\)/).fill('password1234');
      await newcomer.getByLabel(/^New password again/).fill('password1234');
      await newcomer.getByRole('button', { name: 'Save the password' }).click();
      await expect(newcomer.getByRole('alert')).toContainText('too common or too easy to guess');
      await newcomer.getByLabel(/^New password \(required\)/).fill('orchard lantern quietly sunset');
      await newcomer.getByLabel(/^New password again/).fill('orchard lantern quietly sunset');
      await newcomer.getByRole('button', { name: 'Save the password' }).click();
      await expect(newcomer.getByText('Your password is set. Sign in with it now.')).toBeVisible();

      await newcomer.getByLabel('Email address').fill(invited);
      await newcomer.getByLabel('Password').fill('orchard lantern quietly sunset');
      await newcomer.getByRole('button', { name: 'Sign in' }).click();
      await expect(newcomer.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' })).toBeVisible();
      await expect(newcomer.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
      await expectNoA11yViolations(newcomer, { javaScript: javaScriptEnabled });
      const secret = ((await newcomer.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
      await expect(newcomer.locator('#recovery-codes li')).toHaveCount(10);
      await newcomer.getByLabel(/^Code/).fill(totpCode(secret));
      await newcomer.getByRole('button', { name: 'Confirm and sign in' }).click();
      await expect(newcomer.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
      await newcomer.getByRole('link', { name: 'Your account' }).click();
      await expect(newcomer.getByText('Recovery codes left: 10.')).toBeVisible();
      await context.close();
      expect(errors).toEqual([]);
    });
  });
}

test('the account, sign-in and audit pages pass axe in every language', async ({ page }) => {
  await signInAsAdmin(page);
  for (const lang of ['en', 'es', 'ru']) {
    for (const address of ['/staff/account', '/staff/accounts', '/staff/audit', '/staff/forgot-password', '/staff/sign-in/code']) {
      await page.goto(`${address}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoA11yViolations(page);
    }
  }
});
