import { test, expect, type Browser, type Page } from '@playwright/test';
import { STAFF, expectNoA11yViolations, enterCode, trackConsoleErrors } from './fixtures';

const SECTION = '/strategy/neighborhood-livability';
const WAITING = /^(?:No|(\d[\d,]*)) comments? waiting for moderation$/;

async function signIn(page: Page, who: { email: string; password: string; totp?: string }) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (who.totp) await enterCode(page, who.totp);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
}

/** The number in "N comments waiting for moderation" on the dashboard ("No comments ..." is 0). */
async function waitingForModeration(page: Page): Promise<number> {
  const link = page.getByRole('main').getByRole('link', { name: WAITING });
  const text = ((await link.textContent()) ?? '').trim();
  const digits = text.match(WAITING)?.[1];
  return digits ? Number(digits.replace(/,/g, '')) : 0;
}

/** A resident, in a browser of their own, comments on the draft. */
async function residentComments(browser: Browser, text: string) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(SECTION);
    await page.getByLabel('Your comment').fill(text);
    await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
    await page.getByLabel('I understand that my comment will be published on this site.').check();
    // The form refuses submissions faster than a person could write one.
    await page.waitForTimeout(3_100);
    await page.getByRole('button', { name: 'Send comment' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thank you, we received your comment' })).toBeVisible();
  } finally {
    await context.close();
  }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`staff dashboard, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a moderator sees a new comment counted, under the staff navigation, and goes to the queue', async ({ page, browser }) => {
      const errors = javaScriptEnabled ? trackConsoleErrors(page) : [];
      await signIn(page, STAFF.moderator);
      const banner = page.getByRole('banner');
      await expect(banner).toHaveCount(1);
      await expect(banner.getByText('Staff area')).toBeVisible();
      await expect(banner.getByText(`Signed in as ${STAFF.moderator.email} (Moderator).`)).toBeVisible();
      const tools = page.getByRole('navigation', { name: 'Staff tools' });
      await expect(tools.getByRole('link', { name: 'Moderation queue' })).toBeVisible();
      await expect(tools.getByRole('link', { name: 'Inquiries' })).toBeVisible();
      await expect(tools.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Language' })).toBeVisible();
      // Moderators act on comments and inquiries; the consultation's figures are for analysts.
      await expect(page.getByRole('heading', { level: 2, name: 'What needs you now' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'The consultation at a glance' })).toHaveCount(0);
      const before = await waitingForModeration(page);

      await residentComments(browser, `Dashboard check: more shade at the bus stops (${javaScriptEnabled ? 'js' : 'no-js'}).`);
      await page.reload();
      const after = before + 1;
      const counted = page.getByRole('main').getByRole('link', {
        name: `${after} ${after === 1 ? 'comment' : 'comments'} waiting for moderation`,
        exact: true,
      });
      await expect(counted).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await counted.click();
      await expect(page.getByRole('heading', { level: 1, name: 'Moderation queue' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Staff tools' }).getByRole('link', { name: 'Moderation queue' })).toHaveAttribute('aria-current', 'page');

      await page.getByRole('banner').getByRole('link', { name: 'View the public site' }).click();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Staff tools' })).toHaveCount(0);
      expect(errors, 'no hydration or CSP errors').toEqual([]);
    });
  });
}

test('an admin sees every count and the consultation at a glance, accessible in English, Spanish and Russian', async ({ page }) => {
  await signIn(page, STAFF.admin);
  const pages = [
    { lang: 'en', title: 'Staff dashboard', glance: 'The consultation at a glance', table: 'Inputs in the last 7 days by channel', online: 'Online' },
    { lang: 'es', title: 'Panel del personal', glance: 'La consulta de un vistazo', table: 'Aportes de los últimos 7 días por canal', online: 'En línea' },
    { lang: 'ru', title: 'Кабинет сотрудника', glance: 'Обсуждение в цифрах', table: 'Отзывы за последние 7 дней по каналам', online: 'Онлайн' },
  ];
  for (const expected of pages) {
    await page.goto(`/staff?lang=${expected.lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', expected.lang);
    await expect(page.getByRole('heading', { level: 1, name: expected.title })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: expected.glance })).toBeVisible();
    const table = page.getByRole('table', { name: expected.table });
    await expect(table.getByRole('rowheader', { name: expected.online })).toBeVisible();
    await expectNoA11yViolations(page);
  }
  await page.goto('/staff?lang=en');
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: /email(s)? failing and being retried|No emails failing/ })).toBeVisible();
  await expect(main.getByRole('link', { name: /accommodation requests? for meetings in the next 14 days/ })).toBeVisible();
  await expect(main.getByText(/days? left in the comment period/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Staff tools' }).getByRole('link', { name: 'Staff accounts' })).toBeVisible();
});
