import { test, expect } from '@playwright/test';
import { expectNoA11yViolations, fillInquiry, trackConsoleErrors } from './fixtures';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`contact form, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an inquiry is sent and the page shows its reference', async ({ page }) => {
      const errors = trackConsoleErrors(page);
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contact us' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Contact the city' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'cswb@weho.org' }).first()).toBeVisible();
      await expect(page.getByText('TTY (323) 848-6496').first()).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await fillInquiry(page, `ana-${javaScriptEnabled ? 'js' : 'nojs'}@example.org`, 'Please light the alley behind Santa Monica Boulevard.');
      await page.getByRole('button', { name: 'Send message' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Thank you, your message was sent' })).toBeVisible();
      await expect(page.getByRole('status')).toContainText(/CSWB-\d{4}-\d{5}/);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      expect(errors).toEqual([]);
    });

    test('a bad email address gets a field error and the message is kept', async ({ page }) => {
      await page.goto('/contact');
      const message = 'My thoughts on the <draft> priorities & the ambassadors.';
      await fillInquiry(page, 'ana-at-example', message);
      await page.getByRole('button', { name: 'Send message' }).click();
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('There is a problem with what you entered');
      await summary.getByRole('link', { name: /Enter an email address in the format/ }).click();
      await expect(page.getByLabel('Email address')).toBeFocused();
      await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel('Your message')).toHaveValue(message);
      await expect(page.getByLabel('Which group do you belong to?')).toHaveValue('resident');
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    });
  });
}
