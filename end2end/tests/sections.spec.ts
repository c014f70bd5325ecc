import { test, expect } from '@playwright/test';
import { STAFF, expectNoA11yViolations, trackConsoleErrors, enterCode } from './fixtures';

// One section per run, so the two runs do not depend on each other's versions.
const RUNS = [
  { javaScriptEnabled: true, slug: 'introduction', title: 'Introduction' },
  { javaScriptEnabled: false, slug: 'how-phase-ii-works', title: 'How Phase II works' },
];

for (const { javaScriptEnabled, slug, title } of RUNS) {
  test.describe(`section versions, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an admin previews a draft, publishes it, and readers see the new version and its changes', async ({ page }) => {
      const errors = javaScriptEnabled ? trackConsoleErrors(page) : [];
      const added = `An added sentence about late-night transit (${javaScriptEnabled ? 'js' : 'no-js'}).`;
      await page.goto('/staff/sign-in');
      await page.getByLabel('Email address').fill(STAFF.admin.email);
      await page.getByLabel('Password').fill(STAFF.admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await enterCode(page, STAFF.admin.totp);
      await page.getByRole('link', { name: 'Draft sections' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Draft sections' })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByRole('link', { name: title, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Edit: ${title}` })).toBeVisible();
      const text = page.getByLabel('Text (Markdown)');
      await text.fill(`${await text.inputValue()}\n\n${added}`);
      await page.getByRole('button', { name: 'Save draft and preview' }).click();
      const preview = page.getByRole('region', { name: 'Preview of the saved draft' });
      await expect(preview).toContainText(added);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.goto(`/strategy/${slug}`);
      await expect(page.getByText(added)).toHaveCount(0);

      await page.goto(`/staff/sections/${slug}`);
      await page.getByRole('button', { name: 'Publish as the next version' }).click();
      await expect(page.getByText('Published. Readers now see version 2.')).toBeVisible();

      await page.goto(`/strategy/${slug}`);
      await expect(page.getByText(added)).toBeVisible();
      await page.getByRole('link', { name: 'All versions' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Versions of ${title}` })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      await page.getByRole('link', { name: /^Version 2,/ }).click();
      const changes = page.getByRole('region', { name: 'What changed since version 1' });
      await expect(changes.locator('ins')).toContainText('late-night transit');
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      // The Spanish text is now out of date: readers get the English, marked, until it follows.
      await page.goto(`/strategy/${slug}?lang=es`);
      await expect(page.locator('#section-title')).toHaveAttribute('lang', 'en');
      await page.goto('/staff/sections?lang=en');
      await expect(page.getByText('out of date: the English text has changed since').first()).toBeVisible();
      await page.goto(`/staff/sections/${slug}/es`);
      await expect(page.getByText(/has \d+ paragraphs/)).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      const spanish = page.getByLabel('Text (Markdown)');
      const sentence = `Una frase añadida sobre el transporte nocturno (${javaScriptEnabled ? 'js' : 'no-js'}).`;
      await spanish.fill(`${await spanish.inputValue()}\n\n${sentence}`);
      await page.getByRole('button', { name: 'Save this translation' }).click();
      await expect(page.getByText('Saved. Readers of this language now see this text.')).toBeVisible();
      await page.goto(`/strategy/${slug}?lang=es`);
      await expect(page.getByText(sentence)).toBeVisible();
      await expect(page.locator('#section-title')).not.toHaveAttribute('lang', 'en');
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      await page.goto(`/strategy/${slug}?lang=en`);
      expect(errors, 'no hydration or CSP errors').toEqual([]);
    });
  });
}

test('the moderation queue filters and stays accessible by keyboard', async ({ page }) => {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.moderator.email);
  await page.getByLabel('Password').fill(STAFF.moderator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Moderation queue' }).click();
  await page.getByLabel('Flag').selectOption({ label: 'contains a word from the profanity list' });
  await page.getByRole('button', { name: 'Filter', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/flag=profanity/);
  await expect(page.getByLabel('Flag')).toHaveValue('profanity');
  await expectNoA11yViolations(page);
});
