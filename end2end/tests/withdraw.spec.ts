import { test, expect } from '@playwright/test';
import { STAFF, enterCode, expectNoA11yViolations, fillInquiry, linkInEmail } from './fixtures';

const SECTION = '/strategy/law-enforcement-and-emergency-response';

for (const javaScriptEnabled of [true, false]) {
  test(`a resident withdraws and deletes a comment from the link in their email, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const address = `withdraw-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.org`;
    const words = `Changed my mind about the patrol schedule (${javaScriptEnabled ? 'js' : 'no-js'}).`;
    await page.goto(SECTION);
    await page.getByLabel('Your comment').fill(words);
    await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
    await page.getByLabel('Email address (optional, never shown)').fill(address);
    await page.getByLabel('I understand that my comment will be published on this site.').check();
    await page.waitForTimeout(3_100);
    await page.getByRole('button', { name: 'Send comment' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thank you, we received your comment' })).toBeVisible();

    await page.goto(await linkInEmail(address, /\/your-comment\/[A-Za-z0-9_-]+/));
    await expect(page.getByRole('heading', { level: 1, name: 'Your comment' })).toBeVisible();
    await expect(page.getByText(words)).toBeVisible();
    await expect(page.getByText('Waiting to be read by City staff')).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

    await page.getByRole('button', { name: 'Withdraw my comment' }).click();
    await expect(page.getByRole('status')).toContainText('Your comment is withdrawn.');
    await expect(page.getByText('Withdrawn by you')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Withdraw my comment' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Delete my comment and my details' }).click();
    await expect(page.getByRole('status')).toContainText('Your comment and your details are deleted.');
    await expect(page.getByText(words)).toHaveCount(0);
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await context.close();
  });
}

test('the comment page passes axe in Spanish and Russian', async ({ page }) => {
  const address = `withdraw-lang-${Date.now()}@example.org`;
  await page.goto(SECTION);
  await page.getByLabel('Your comment').fill('Please keep the neighborhood patrols on foot.');
  await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
  await page.getByLabel('Email address (optional, never shown)').fill(address);
  await page.getByLabel('I understand that my comment will be published on this site.').check();
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you, we received your comment' })).toBeVisible();
  const link = await linkInEmail(address, /\/your-comment\/[A-Za-z0-9_-]+/);
  for (const lang of ['es', 'ru']) {
    await page.goto(`${link}?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoA11yViolations(page);
  }
});

for (const javaScriptEnabled of [true, false]) {
  test(`a sender withdraws their message from the acknowledgement link, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const address = `inquiry-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.org`;
    const message = `Please call me about the alley lighting (${javaScriptEnabled ? 'js' : 'no-js'}).`;
    await page.goto('/contact');
    await fillInquiry(page, address, message);
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thank you, your message was sent' })).toBeVisible();

    await page.goto(await linkInEmail(address, /\/your-inquiry\/[A-Za-z0-9_-]+/));
    await expect(page.getByRole('heading', { level: 1, name: 'Your message to the City' })).toBeVisible();
    await expect(page.getByText(message)).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await page.getByRole('button', { name: 'Withdraw my message and delete my details' }).click();
    await expect(page.getByRole('status')).toContainText('Your message is withdrawn and your details are deleted.');
    await expect(page.getByText(message)).toHaveCount(0);
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    for (const lang of ['es', 'ru']) {
      await page.goto(`${page.url().split('?')[0]}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    }
    await context.close();
  });
}

test('a request by email address is confirmed from the mailbox and handled by an admin', async ({ browser }) => {
  // Without JavaScript for the resident, as on a library computer with scripts off.
  const resident = await browser.newContext({ javaScriptEnabled: false });
  const page = await resident.newPage();
  const address = `request-${Date.now()}@example.org`;
  await page.goto('/privacy');
  await page.getByRole('link', { name: 'Ask to see or delete your data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ask about your data' })).toBeVisible();
  await expectNoA11yViolations(page, { javaScript: false });
  await page.getByLabel(/^Your email address/).fill(address);
  await page.getByLabel('Send me a copy of everything you hold about me').check();
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('status')).toContainText('If the address is right, an email with a link is on its way.');
  for (const lang of ['es', 'ru']) {
    await page.goto(`/privacy/request?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoA11yViolations(page, { javaScript: false });
  }

  // The language chosen above stays in a cookie; the link opens in English again here.
  await page.goto(`${await linkInEmail(address, /\/privacy\/request\/[A-Za-z0-9_-]+/)}?lang=en`);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your request' })).toBeVisible();
  await expectNoA11yViolations(page, { javaScript: false });
  await page.getByRole('button', { name: 'Confirm my request' }).click();
  await expect(page.getByRole('status')).toContainText('Your request is confirmed.');
  await resident.close();

  const staff = await browser.newContext();
  const admin = await staff.newPage();
  await admin.goto('/staff/sign-in');
  await admin.getByLabel('Email address').fill(STAFF.admin.email);
  await admin.getByLabel('Password').fill(STAFF.admin.password);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(admin, STAFF.admin.totp);
  await admin.getByRole('link', { name: 'Privacy requests' }).click();
  const request = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: `Send me a copy of everything you hold about me: ${address}` }) });
  await expect(request).toBeVisible();
  await expectNoA11yViolations(admin);
  await request.getByRole('button', { name: 'Email the copy to this address' }).click();
  await expect(admin.getByRole('status')).toContainText('The request is handled.');
  await expect(admin.getByText(address)).toHaveCount(0);
  await expectNoA11yViolations(admin);
  expect(await linkInEmail(address, /A copy of what we hold about you/)).toBeTruthy();
  await staff.close();
});
