import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import { STAFF, expectNoA11yViolations } from './fixtures';

test('an analyst downloads the business group CSV and finds the comment a business just sent', async ({ page }) => {
  const marker = `Loading zone on Robertson ${Date.now()}`;
  await page.goto('/strategy/neighborhood-livability');
  await page.getByLabel('Your comment').fill(marker);
  await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Business' });
  await page.getByLabel('I understand that my comment will be published on this site.').check();
  // The form refuses submissions faster than a person could write one.
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you, we received your comment' })).toBeVisible();

  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.analyst.email);
  await page.getByLabel('Password').fill(STAFF.analyst.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Staff tools' }).getByRole('link', { name: 'Feedback by stakeholder group' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Feedback by stakeholder group' })).toBeVisible();
  await expectNoA11yViolations(page);

  const exportForm = page.getByRole('form', { name: 'Download comments (CSV)' });
  await exportForm.getByLabel('Which group do you belong to?').selectOption({ label: 'Business' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportForm.getByRole('button', { name: 'Download comments (CSV)' }).click(),
  ]);
  const file = await download.path();
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFFreference,section,')).toBe(true);
  expect(text).toContain(marker);
  expect(text).not.toContain(',resident,');

  await page.getByRole('link', { name: 'Business', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Phase II feedback from Business' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Sections by number of comments' })).toBeVisible();
  await expectNoA11yViolations(page);
});

test('the transparency page counts every channel and passes axe', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transparency' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What we have heard so far' })).toBeVisible();
  await expect(page.getByRole('table').first()).toBeVisible();
  await expect(page.getByText(/\d+ received: \d+ published/)).toBeVisible();
  await expectNoA11yViolations(page);
});
