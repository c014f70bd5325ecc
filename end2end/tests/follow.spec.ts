import { test, expect, type Page } from '@playwright/test';
import { STAFF, enterCode, expectNoA11yViolations, linkInEmail, trackConsoleErrors } from './fixtures';

// One section per run, so the two runs' audiences do not mix.
const RUNS = [
  { javaScriptEnabled: true, slug: 'introduction', language: 'Español' },
  { javaScriptEnabled: false, slug: 'how-phase-ii-works', language: 'English' },
];

async function signInAsAdmin(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.admin.email);
  await page.getByLabel('Password').fill(STAFF.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, STAFF.admin.totp);
}

for (const { javaScriptEnabled, slug, language } of RUNS) {
  const run = javaScriptEnabled ? 'js' : 'nojs';

  test(`a resident follows a section from its page, confirms by email, gets an update and unsubscribes, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({ browser }) => {
    test.setTimeout(120000);
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors = javaScriptEnabled ? trackConsoleErrors(page) : [];
    const address = `follow-${run}-${Date.now()}@example.org`;

    await page.goto(`/strategy/${slug}`);
    await page.getByRole('link', { name: 'Follow this section by email' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Follow the consultation by email' })).toBeVisible();
    await expect(page.getByLabel('What do you want to follow?')).toHaveValue(slug);
    await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await page.getByLabel('Email address').fill(address);
    await page.getByRole('radio', { name: language }).check();
    // The form refuses submissions faster than a person could make one.
    await page.waitForTimeout(3_100);
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

    await page.goto(await linkInEmail(address, /\/follow\/confirm\/[A-Za-z0-9_-]+/));
    await expect(page.getByRole('heading', { level: 1, name: 'Confirm your subscription' })).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await page.getByRole('button', { name: 'Yes, send me updates' }).click();
    await expect(page.getByText('Done: you are subscribed.')).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

    const subject = `Workshop notes are online (${run} ${Date.now()})`;
    await signInAsAdmin(page);
    await page.getByRole('link', { name: 'Updates to followers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Updates to followers' })).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await page.getByLabel('Who gets it').selectOption(slug);
    await page.getByLabel(/^Subject \(required\)/).fill(subject);
    await page.getByLabel(/^Message \(required\)/).fill('Thank you to everyone who came.\n\nThe notes are on the site.');
    await page.getByLabel('Subject in Spanish').fill(`Las notas del taller están en línea (${run})`);
    await page.getByLabel('Message in Spanish').fill('Gracias a todas las personas que vinieron.');
    await page.getByRole('button', { name: 'Send to followers' }).click();
    await expect(page.getByRole('status')).toContainText(/Sent to \d+ follower/);
    await expect(page.getByRole('link', { name: subject })).toBeVisible();

    await page.getByRole('link', { name: 'See it in the public archive' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Updates' })).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await page.getByRole('link', { name: subject }).click();
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    await expect(page.getByText('Thank you to everyone who came.')).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

    // The update carries the follower's own way out, as a link and as a one-click header.
    await page.goto(await linkInEmail(address, /\/unsubscribe\/[A-Za-z0-9_-]+/));
    await expect(page.getByRole('heading', { level: 1, name: 'Unsubscribe' })).toBeVisible();
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.getByText(/You are unsubscribed/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    expect(errors, 'no hydration or CSP errors').toEqual([]);
    await context.close();
  });

  test(`a bad address gets a field error and the choice is kept, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`/follow?section=${slug}`);
    await page.getByLabel('Email address').fill('ana-at-example');
    await page.waitForTimeout(3_100);
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem with what you entered');
    await summary.getByRole('link', { name: /Enter an email address in the format/ }).click();
    await expect(page.getByLabel('Email address')).toBeFocused();
    await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Email address')).toHaveValue('ana-at-example');
    await expect(page.getByLabel('What do you want to follow?')).toHaveValue(slug);
    await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    await context.close();
  });
}

test('the follow pages and the archive pass axe in Spanish and Russian', async ({ page }) => {
  const address = `follow-lang-${Date.now()}@example.org`;
  await page.goto('/follow');
  await page.getByLabel('Email address').fill(address);
  await page.getByLabel('What do you want to follow?').selectOption('all');
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  const confirm = await linkInEmail(address, /\/follow\/confirm\/[A-Za-z0-9_-]+/);
  for (const lang of ['es', 'ru']) {
    for (const path of ['/follow', '/follow/check-email', confirm, '/updates']) {
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expectNoA11yViolations(page);
    }
  }
  // The runs above sent updates: the newest one, in each language.
  await page.goto('/updates?lang=en');
  await page.getByRole('main').getByRole('listitem').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/updates\/\d+/);
  const update = page.url().split('?')[0];
  for (const lang of ['es', 'ru']) {
    await page.goto(`${update}?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoA11yViolations(page);
  }
});
