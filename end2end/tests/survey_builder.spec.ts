import { test, expect, type Page } from '@playwright/test';
import { STAFF, enterCode, expectNoA11yViolations } from './fixtures';

async function signInAsAdmin(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.admin.email);
  await page.getByLabel('Password').fill(STAFF.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, STAFF.admin.totp);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
}

async function signInAsAnalyst(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.analyst.email);
  await page.getByLabel('Password').fill(STAFF.analyst.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff dashboard' })).toBeVisible();
}

/** From the survey's editor, adds a question of `type` to page `page` and lands on its editor. */
async function addQuestion(page: Page, pageNumber: number, prompt: string, type: string) {
  await page.getByRole('link', { name: `Add a question to page ${pageNumber}` }).click();
  await page.getByLabel(/^Question/).fill(prompt);
  await page.getByLabel(type, { exact: true }).check();
  await page.getByRole('button', { name: 'Add a question' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Question: ${prompt}` })).toBeVisible();
}

async function backToSurvey(page: Page, title: string) {
  await page.getByRole('link', { name: `Back to the survey “${title}”` }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Pages and questions' })).toBeVisible();
}

async function addPage(page: Page, title: string) {
  await page.getByLabel(/^Page title/).fill(title);
  await page.getByRole('button', { name: 'Add a page' }).click();
  await expect(page.getByRole('heading', { level: 3, name: new RegExp(`: ${title}$`) })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`survey builder, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an admin builds a three-page survey with a condition without touching TOML', async ({ page }) => {
      const title = `Walk audit ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
      await signInAsAdmin(page);
      await page.goto('/staff/surveys');
      await page.getByLabel('Title of the new survey').fill(title);
      await page.getByRole('button', { name: 'Create survey' }).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Pages and questions' })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      // Page 1: renamed, with a required yes/no question.
      await page.getByRole('link', { name: 'Edit page 1' }).click();
      await page.getByLabel(/^Page title/).fill('About you');
      await page.getByRole('button', { name: 'Save the page' }).click();
      await expect(page.getByRole('heading', { level: 3, name: 'Page 1: About you' })).toBeVisible();
      await addQuestion(page, 1, 'Do you own a business here?', 'Yes or no');
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      await page.getByLabel('An answer is required').check();
      await page.getByRole('button', { name: 'Save the question' }).click();
      await expect(page.getByRole('status')).toHaveText('Saved.');
      await expect(page.getByLabel('An answer is required')).toBeChecked();
      await backToSurvey(page, title);

      // Page 2: a choice question with an option added and moved to the top.
      await addPage(page, 'Your business');
      await addQuestion(page, 2, 'Where is it?', 'One choice');
      await page.getByLabel('New option').fill('Sunset Strip');
      await page.getByRole('button', { name: 'Add the option' }).click();
      await expect(page.getByLabel('Option 3')).toHaveValue('Sunset Strip');
      await page.getByRole('button', { name: 'Move “Sunset Strip” up' }).click();
      await expect(page.getByLabel('Option 2')).toHaveValue('Sunset Strip');
      // Renaming an option to nothing is refused next to it.
      await page.getByLabel('Option 1').fill('');
      await page.getByRole('button', { name: 'Save “Option 1”' }).click();
      await expect(page.getByText("Enter the option's text, up to 200 characters").first()).toBeVisible();
      await backToSurvey(page, title);

      // Page 2 is only for business owners.
      await page.getByRole('link', { name: 'Edit page 2' }).click();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      await page.getByLabel('Show this page').selectOption({ label: 'Only when the answer is “Yes”' });
      await page.getByRole('button', { name: 'Save the page' }).click();
      await expect(page.getByText('Shown only when “Do you own a business here?” is answered “Yes”.')).toBeVisible();

      // Page 3, and the page order checked by keyboard-operable buttons.
      await addPage(page, 'Anything else');
      await addQuestion(page, 3, 'What should the City know?', 'Long answer');
      await backToSurvey(page, title);
      await page.getByRole('button', { name: 'Move “What should the City know?” up' }).click();
      await expect(page.locator('#page-2').getByText('What should the City know?', { exact: true })).toBeVisible();
      await page.getByRole('button', { name: 'Move “What should the City know?” down' }).click();
      await expect(page.locator('#page-3').getByText('What should the City know?', { exact: true })).toBeVisible();

      // The preview shows it as respondents will see it.
      await page.getByRole('link', { name: 'Preview' }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole('group', { name: /Do you own a business here\?/ }).getByLabel('Yes')).toBeVisible();
      await expect(page.getByRole('group', { name: /Where is it\?/ }).getByLabel('Sunset Strip')).toBeVisible();
      await expect(page.getByLabel('What should the City know?')).toBeVisible();
      await expect(page.getByText('Shown only when “Do you own a business here?” is answered “Yes”.')).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    });
  });
}

test('an analyst keys in a paper survey and imports a batch with one bad row', async ({ page }) => {
  await signInAsAnalyst(page);
  await page.goto('/staff/surveys');
  await page.getByRole('link', { name: /^Paper responses.*Community survey$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paper responses: Community survey' })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.getByLabel('Español').check();
  await page.getByRole('group', { name: /walking in your neighborhood during the day/ }).getByLabel('4', { exact: true }).check();
  await page.getByRole('group', { name: /And after dark/ }).getByLabel(/^2/).check();
  await page.getByLabel('Clean, lit, walkable streets').check();
  await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
  await page.getByLabel('ZIP code').fill('9006');
  await page.getByRole('button', { name: 'Save this response' }).click();
  // A bad ZIP: the error next to the field, the answers kept.
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Clean, lit, walkable streets')).toBeChecked();
  await page.getByLabel('ZIP code').fill('90069');
  await page.getByRole('button', { name: 'Save this response' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Paper response .+ saved\./ })).toBeVisible();

  // A batch with one bad row: nothing imported, the row and column named; fixed, all of it goes in.
  const header = 'language,stakeholder_group,stakeholder_other,zip,identities,safe_day,safe_night,years,priorities,one_change';
  const good = 'en,business,,90046,,5,4,,prevention,More lights on Santa Monica';
  const bad = 'es,resident,,90069,,4,9,,housing,';
  await page.getByLabel('CSV file').setInputFiles({ name: 'paper.csv', mimeType: 'text/csv', buffer: Buffer.from([header, good, bad].join('\n')) });
  await page.getByRole('button', { name: 'Check and import' }).click();
  await expect(page.getByText('Nothing was imported: 1 problem to fix')).toBeVisible();
  await expect(page.getByRole('row', { name: /3 safe_night/ })).toBeVisible();
  await expectNoA11yViolations(page);
  const fixed = bad.replace(',4,9,', ',4,1,');
  await page.getByLabel('CSV file').setInputFiles({ name: 'paper.csv', mimeType: 'text/csv', buffer: Buffer.from([header, good, fixed].join('\n')) });
  await page.getByRole('button', { name: 'Check and import' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 paper responses imported.' })).toBeVisible();
});

test('the builder and paper pages pass axe in Spanish and Russian', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/staff/surveys');
  await page.getByRole('link', { name: /^Edit.*Community survey$/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Pages and questions' })).toBeVisible();
  const editor = new URL(page.url()).pathname;
  const survey = editor.replace(/\/edit$/, '');
  for (const lang of ['es', 'ru']) {
    for (const path of [editor, `${survey}/pages/2`, `${survey}/questions/priorities`, `${survey}/preview`, `${survey}/paper`, `${survey}/toml`]) {
      await page.goto(`${path}?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoA11yViolations(page);
    }
  }
  // Back to English for the tests that follow in this browser's cookie.
  await page.goto(`${editor}?lang=en`);
});
