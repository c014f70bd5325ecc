import { test, expect } from '@playwright/test';
import { expectNoA11yViolations, trackConsoleErrors } from './fixtures';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`draft strategy, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a reader goes from the contents to a section and on to the next', async ({ page }) => {
      const errors = javaScriptEnabled ? trackConsoleErrors(page) : [];
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'The draft strategy' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'The draft strategy' })).toBeVisible();
      await expect(page.getByText(/^Comments are open from \w+ \d+, \d{4} to \w+ \d+, \d{4}\.$/)).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByRole('link', { name: 'Neighborhood Livability' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Neighborhood Livability' })).toBeVisible();
      await expect(page.getByText('Draft priority 1: security ambassadors where they help most.')).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByRole('link', { name: /^Next: Health and Human Services/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Health and Human Services' })).toBeVisible();
      // A section page loaded directly must hydrate too (its comments load in a nested Suspense).
      await page.reload();
      if (javaScriptEnabled) {
        await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
        await page.waitForTimeout(500);
      }
      expect(errors).toEqual([]);
    });
  });
}
