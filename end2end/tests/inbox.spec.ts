import { test, expect, type Page } from '@playwright/test';
import { STAFF, expectNoA11yViolations, enterCode } from './fixtures';

async function sendInquiry(page: Page, name: string) {
  await page.goto('/contact');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill('inbox-test@example.org');
  await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Business' });
  await page.getByLabel('Topic').selectOption({ label: 'Meetings and accessibility' });
  await page.getByLabel('Your message').fill('Will the meeting have ASL interpretation?');
  await page.getByLabel('The city may contact me about this message.').check();
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Send message' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText(/CSWB-\d{4}-\d{5}/);
  return ((await status.textContent()) ?? '').match(/CSWB-\d{4}-\d{5}/)?.[0] ?? '';
}

test('staff find an inquiry, answer it, and see the email in the outbox', async ({ page }) => {
  const reference = await sendInquiry(page, 'Bea Business');

  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.admin.email);
  await page.getByLabel('Password').fill(STAFF.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, STAFF.admin.totp);
  await page.getByRole('navigation', { name: 'Staff tools' }).getByRole('link', { name: 'Inquiries' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inquiries' })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByLabel('Search (reference, name, email or text)').fill(reference);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1, name: reference })).toBeVisible();
  await expect(page.getByText('Will the meeting have ASL interpretation?')).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByLabel('Your reply').fill('Yes: ASL interpreters will be at every Phase II meeting.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Yes: ASL interpreters will be at every Phase II meeting.' })).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('Answered');

  await page.getByRole('link', { name: 'Back to all inquiries' }).click();
  await page.getByRole('link', { name: 'Back to the staff dashboard' }).click();
  await page.getByRole('link', { name: 'Email outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email outbox' })).toBeVisible();
  await expect(page.getByText('No SMTP server is configured')).toBeVisible();
  await expect(page.getByRole('heading', { name: `Re: your message ${reference}` })).toBeVisible();
  await expectNoA11yViolations(page);
});
