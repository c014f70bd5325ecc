import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import { expectNoA11yViolations } from './fixtures';

const SECTION = '/strategy/law-enforcement-and-emergency-response';
const outbox = path.join(__dirname, '..', '.tmp', 'outbox');

/** The author's link in the newest confirmation .eml sent to this address (quoted-printable undone). */
async function manageLink(address: string): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(outbox, file), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      if (text.includes(`To: ${address}`)) {
        const link = text.match(/\/your-comment\/[A-Za-z0-9_-]+/)?.[0];
        if (link) return link;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no confirmation for ${address} in ${outbox}`);
}

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

    await page.goto(await manageLink(address));
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
  const link = await manageLink(address);
  for (const lang of ['es', 'ru']) {
    await page.goto(`${link}?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoA11yViolations(page);
  }
});
