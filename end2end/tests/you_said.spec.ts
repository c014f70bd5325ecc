// "You said, we did": a resident comments and asks to be told; an admin publishes a new version,
// links the rewritten passage to the comment with an explanation; the resident gets the email and
// the comment and the version link to each other.
import { test, expect } from '@playwright/test';
import { STAFF, enterCode, expectNoA11yViolations, linkInEmail, trackConsoleErrors } from './fixtures';

const SLUG = 'law-enforcement-and-emergency-response';

test('a comment that shaped a new version is linked both ways and its author is emailed', async ({ browser }) => {
  test.setTimeout(120_000);
  const address = `you-said-${Date.now()}@example.org`;
  const body = `Please publish response times for every neighborhood (${Date.now()}).`;

  // The resident, with JavaScript.
  const residentContext = await browser.newContext();
  const resident = await residentContext.newPage();
  const errors = trackConsoleErrors(resident);
  await resident.goto(`/strategy/${SLUG}`);
  await resident.getByRole('link', { name: 'Comment on paragraph 1' }).click();
  await resident.getByLabel('Your comment').fill(body);
  await resident.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
  await resident.getByLabel('Email address (optional, never shown)').fill(address);
  await resident.getByLabel(/Email me once if the City changes this section/).check();
  await resident.getByLabel('I understand that my comment will be published on this site.').check();
  await resident.waitForTimeout(3_100);
  await resident.getByRole('button', { name: 'Send comment' }).click();
  await expect(resident.getByRole('heading', { level: 1, name: 'Thank you, we received your comment' })).toBeVisible();
  const reference = ((await resident.getByRole('status').textContent()) ?? '').match(/CSWB-C-\d{5}/)?.[0] ?? '';
  expect(reference).not.toBe('');

  // Staff without JavaScript: approve, rewrite paragraph 1, publish, explain.
  const staffContext = await browser.newContext({ javaScriptEnabled: false });
  const staff = await staffContext.newPage();
  await staff.goto('/staff/sign-in');
  await staff.getByLabel('Email address').fill(STAFF.admin.email);
  await staff.getByLabel('Password').fill(STAFF.admin.password);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(staff, STAFF.admin.totp);
  await staff.goto('/staff/moderation');
  const queued = staff.getByRole('listitem').filter({ hasText: body });
  await queued.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(staff.getByRole('listitem').filter({ hasText: body })).toHaveCount(0);

  await staff.goto(`/staff/sections/${SLUG}`);
  const text = staff.getByLabel('Text (Markdown)');
  const paragraphs = (await text.inputValue()).split('\n\n');
  const rewritten = `Response times are published for every neighborhood each quarter (${Date.now()}).`;
  paragraphs[0] = rewritten;
  await text.fill(paragraphs.join('\n\n'));
  await staff.getByRole('button', { name: 'Save draft and preview' }).click();
  await staff.getByRole('button', { name: 'Publish as the next version' }).click();
  const published = staff.getByText(/Published\. Readers now see version \d+\./);
  await expect(published).toBeVisible();
  const number = ((await published.textContent()) ?? '').match(/version (\d+)/)?.[1] ?? '';

  await staff.getByRole('link', { name: 'Explain what changed in this version' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: /^Explain version \d+ of/ })).toBeVisible();
  await expectNoA11yViolations(staff, { javaScript: false });
  await staff.getByRole('row').filter({ hasText: rewritten }).getByRole('link', { name: /^Explain:/ }).click();
  await expect(staff.getByRole('heading', { level: 1, name: /^Why version \d+ of/ })).toBeVisible();
  await expectNoA11yViolations(staff, { javaScript: false });
  // Saving with no English explanation is refused with the rest kept.
  await staff.getByLabel('Explanation in Spanish').fill('Publicaremos los tiempos de respuesta.');
  await staff.getByRole('checkbox', { name: new RegExp(reference) }).check();
  await staff.getByRole('button', { name: 'Save and tell the commenters' }).click();
  await expect(staff.getByRole('alert')).toContainText('Write the explanation in English.');
  await expect(staff.getByLabel('Explanation in Spanish')).toHaveValue('Publicaremos los tiempos de respuesta.');
  await expect(staff.getByRole('checkbox', { name: new RegExp(reference) })).toBeChecked();
  await expectNoA11yViolations(staff, { javaScript: false });
  await staff.getByLabel(/^Explanation in English/).fill('Residents asked to see response times, so each quarter we publish them by neighborhood.');
  await staff.getByRole('button', { name: 'Save and tell the commenters' }).click();
  await expect(staff.getByRole('status')).toContainText('Explanation saved. 1 commenter will be emailed.');
  await expect(staff.getByRole('row').filter({ hasText: rewritten })).toContainText('Explained, 1 comment linked');
  await staffContext.close();

  // The resident's email leads to the change; the change leads to the comment and back.
  const link = await linkInEmail(address, /https?:\/\/[^\s]+\/versions\/\d+#change-\d+/);
  expect(link).toContain(`/strategy/${SLUG}/versions/${number}#change-`);
  await resident.goto(link);
  const why = resident.getByRole('region', { name: 'You said, we did: why this version changed' });
  await expect(why).toContainText('Changed in response to 1 comment');
  await expect(why).toContainText('Residents asked to see response times');
  await expectNoA11yViolations(resident);
  await why.getByText('The comment', { exact: true }).click();
  await why.getByRole('link', { name: reference }).click();
  await expect(resident.getByRole('heading', { level: 1, name: `Comment ${reference}` })).toBeVisible();
  await expect(resident.getByText(body)).toBeVisible();
  await expectNoA11yViolations(resident);
  const commentPath = new URL(resident.url()).pathname;
  await resident.getByRole('link', { name: `This comment shaped version ${number} of the section` }).click();
  await expect(why).toBeVisible();
  await resident.goto(`/strategy/${SLUG}`);
  await expect(
    resident.getByRole('listitem').filter({ hasText: body }).getByRole('link', { name: `This comment shaped version ${number} of the section` }),
  ).toBeVisible();
  for (const lang of ['es', 'ru']) {
    await resident.goto(`/strategy/${SLUG}/versions/${number}?lang=${lang}`);
    await expect(resident.locator('html')).toHaveAttribute('lang', lang);
    await expect(resident.locator('.you-said')).toBeVisible();
    await expectNoA11yViolations(resident);
    await resident.goto(`${commentPath}?lang=${lang}`);
    await expect(resident.locator('.comment-shaped a')).toHaveCount(1);
    await expectNoA11yViolations(resident);
  }
  await resident.goto(`/strategy/${SLUG}/versions/${number}?lang=es`);
  await expect(resident.locator('.you-said')).toContainText('Publicaremos los tiempos de respuesta.');
  await resident.goto(`/strategy/${SLUG}?lang=en`);
  expect(errors, 'no hydration or CSP errors').toEqual([]);
  await residentContext.close();
});
