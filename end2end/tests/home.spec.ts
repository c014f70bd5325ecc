import { test, expect } from '@playwright/test';
import { expectNoA11yViolations, trackConsoleErrors } from './fixtures';

test.describe('home page with JavaScript', () => {
  test('hydrates without errors and passes axe', async ({ page }) => {
    const errors = trackConsoleErrors(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Community Safety and Well-Being Strategy' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    for (const area of ['Law Enforcement and Emergency Response', 'Neighborhood Livability', 'Health and Human Services']) {
      await expect(page.getByRole('heading', { level: 3, name: area })).toBeVisible();
    }
    await expect(page.getByRole('link', { name: 'cswb@weho.org' })).toBeVisible();
    await expectNoA11yViolations(page);
    expect(errors).toEqual([]);
  });

  test('the skip link moves keyboard focus to the main content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });

  test('the language switcher changes every string and <html lang>', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { name: 'Cómo participar' })).toBeVisible();
    await expectNoA11yViolations(page);
    // The choice is remembered on the next page.
    await page.goto('/staff/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Acceso del personal' })).toBeVisible();
  });

  test('stays readable at 320 pixels wide', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page);
  });

  test('unknown addresses get a 404 page that passes axe', async ({ page }) => {
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectNoA11yViolations(page);
  });
});

test.describe('home page without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('shows the whole page and passes axe', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Community Safety and Well-Being Strategy' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'How to take part' })).toBeVisible();
    await expect(page.getByText('TTY (323) 848-6496')).toBeVisible();
    await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    await expectNoA11yViolations(page, { javaScript: false });
  });
});
