// "What we heard": the consultation's and a section's pages in every language, an admin publishing
// a survey's results there (with and without JavaScript), print styles, and the open data files.
import { test, expect, type Page } from '@playwright/test';
import { STAFF, enterCode, expectNoA11yViolations } from './fixtures';

const SURVEY = 'Business community survey';
const SECTION = 'neighborhood-livability';
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;

const WORDS = {
  en: { title: 'What we heard', section: 'What we heard:', who: 'Who took part', whoSection: 'Who commented on this section', bySection: 'By section', openData: 'Open data' },
  es: { title: 'Lo que escuchamos', section: 'Lo que escuchamos:', who: 'Quién participó', whoSection: 'Quién comentó esta sección', bySection: 'Por sección', openData: 'Datos abiertos' },
  ru: { title: 'Что мы услышали и что сделали', section: 'Что мы услышали и что сделали:', who: 'Кто участвовал', whoSection: 'Кто комментировал этот раздел', bySection: 'По разделам', openData: 'Открытые данные' },
} as const;

for (const [lang, words] of Object.entries(WORDS)) {
  test(`the consultation's and a section's pages read in ${lang} and pass axe`, async ({ page }) => {
    await page.goto(`/what-we-heard?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1, name: words.title, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: words.who })).toBeVisible();
    await expect(page.getByRole('region', { name: words.bySection }).getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('region', { name: words.openData }).getByRole('link')).toHaveCount(2);
    await expectNoA11yViolations(page);

    await page.goto(`/what-we-heard/${SECTION}?lang=${lang}`);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${words.section}`) })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: words.whoSection })).toBeVisible();
    await expectNoA11yViolations(page);
  });
}

test('a section is reached from the consultation page and leads back', async ({ page }) => {
  await page.goto('/what-we-heard?lang=en');
  await page.getByRole('region', { name: 'By section' }).getByRole('link', { name: /Livability/ }).click();
  await expect(page).toHaveURL(new RegExp(`/what-we-heard/${SECTION}`));
  await expect(page.getByRole('heading', { level: 1, name: /^What we heard: .*Livability/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Read this section of the draft' })).toHaveAttribute('href', `/strategy/${SECTION}`);
  await page.getByRole('link', { name: 'What we heard across the whole consultation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What we heard', exact: true })).toBeVisible();
});

test('printing leaves out the navigation and keeps the numbers', async ({ page }) => {
  await page.goto('/what-we-heard?lang=en');
  // On screen, a sentence says how to print; the printout itself leaves it out with the menus.
  await expect(page.getByText(/use your browser's Print command/)).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByText(/use your browser's Print command/)).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Who took part' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Who took part' }).getByRole('table').first()).toBeVisible();
});

test('the open data links download the CSV and open the JSON, with no personal data', async ({ page, request }) => {
  await page.goto('/what-we-heard?lang=en');
  const openData = page.getByRole('region', { name: 'Open data' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    openData.getByRole('link', { name: 'What we heard as CSV (for spreadsheets)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('what-we-heard.csv');
  const csv = await request.get('/open-data/what-we-heard.csv');
  expect(csv.ok()).toBeTruthy();
  const text = await csv.text();
  expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
    'table,section,stakeholder_group,channel,theme,survey,question,answer,count,withheld,mean,average_rank,version,date,text',
  );
  expect(text).not.toMatch(EMAIL);

  const href = await openData.getByRole('link', { name: 'What we heard as JSON' }).getAttribute('href');
  expect(href).toBe('/open-data/what-we-heard.json');
  const json = await request.get(href ?? '');
  expect(json.ok()).toBeTruthy();
  const body = await json.json();
  expect(body.small_cell_k).toBeGreaterThan(0);
  expect(Array.isArray(body.sections)).toBeTruthy();
  expect(JSON.stringify(body)).not.toMatch(EMAIL);
});

async function signInAsAdmin(page: Page) {
  await page.goto('/staff/sign-in?lang=en');
  await page.getByLabel('Email address').fill(STAFF.admin.email);
  await page.getByLabel('Password').fill(STAFF.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, STAFF.admin.totp);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
}

const PUBLISH = 'Publish these results on What we heard';
const UNPUBLISH = 'Take these results off What we heard';

/** The survey's results page, with its results taken off the public page if an earlier run left them on. */
async function resultsPage(page: Page): Promise<string> {
  await page.goto('/staff/surveys');
  await page.getByRole('link', { name: SURVEY, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Results: ${SURVEY}` })).toBeVisible();
  const results = new URL(page.url()).pathname;
  if (await page.getByRole('button', { name: UNPUBLISH }).isVisible()) {
    await page.getByRole('button', { name: UNPUBLISH }).click();
    await expect(page.getByRole('button', { name: PUBLISH })).toBeVisible();
  }
  return results;
}

// Both runs publish the same survey: one after the other.
test.describe.serial('publishing survey results', () => {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ javaScriptEnabled });

      test('an admin publishes a survey\'s results and the public page shows them', async ({ page }) => {
    test.setTimeout(60000);
        await signInAsAdmin(page);
        const results = await resultsPage(page);
        const publication = page.getByRole('region', { name: 'On the public "What we heard" page' });
        await expect(publication.getByText('These results are not shown to the public.')).toBeVisible();
        await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

        await page.getByRole('button', { name: PUBLISH }).click();
        await expect(page.getByRole('status').filter({ hasText: 'The results are now on the public What we heard page.' })).toBeVisible();
        await expect(page.getByRole('button', { name: UNPUBLISH })).toBeVisible();
        await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

        await page.goto('/what-we-heard?lang=en');
        const surveys = page.getByRole('region', { name: 'Survey results' });
        await expect(surveys.getByRole('heading', { level: 3, name: SURVEY })).toBeVisible();
        // Either the numbers (a table per question; the chart beside it is hidden from screen
        // readers) or, with fewer than k respondents so far, the sentence saying they are withheld.
        const withheld = surveys.getByText(/people answered this survey, so its results are withheld/);
        if (!(await withheld.isVisible())) {
          await expect(surveys.getByRole('table').first()).toBeVisible();
          await expect(surveys.locator('svg.wwh-chart').first()).toHaveAttribute('aria-hidden', 'true');
        }
        await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

        // Taken off again, they are gone from the public page.
        await page.goto(results);
        await page.getByRole('button', { name: UNPUBLISH }).click();
        await expect(page.getByRole('status').filter({ hasText: 'The results have been taken off the public What we heard page.' })).toBeVisible();
        await page.goto('/what-we-heard?lang=en');
        await expect(page.getByRole('region', { name: 'Survey results' }).getByRole('heading', { name: SURVEY })).toHaveCount(0);
      });
    });
  }
});
