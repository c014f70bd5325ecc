// Staff tools for one meeting: the printable sign-in sheet, emailing everyone registered, and
// duplicating the meeting as a draft. Each run makes its own meeting, so nothing else sees it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { STAFF, expectNoA11yViolations, trackConsoleErrors, enterCode } from './fixtures';

async function signInAsAdmin(page: Page) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.admin.email);
  await page.getByLabel('Password').fill(STAFF.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, STAFF.admin.totp);
  await expect(page).toHaveURL(/\/staff\/?$/);
}

/** How many emails with this subject the portal wrote to this address (the person is named in
 * the To header, so the address is matched inside it); waits up to ten seconds for the outbox. */
async function emailsTo(address: string, subject: string): Promise<number> {
  const outbox = path.join(__dirname, '..', '.tmp', 'outbox');
  let found = 0;
  for (let attempt = 0; attempt < 40 && found === 0; attempt++) {
    const files = existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
    found = files
      .map((f) => readFileSync(path.join(outbox, f), 'utf8'))
      .filter((text) => /^To: .*$/m.exec(text)?.[0].includes(`<${address}>`) && text.includes(`Subject: ${subject}`)).length;
    if (found === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return found;
}

/** A published meeting of this test's own, made in the editor; returns its staff page's address. */
async function newMeeting(page: Page, title: string): Promise<string> {
  await page.goto('/staff/events');
  await page.getByRole('link', { name: 'New meeting' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Starts').fill('2031-09-10T18:00');
  await page.getByLabel('Ends').fill('2031-09-10T20:00');
  await page.getByLabel('Venue', { exact: true }).fill('Plummer Park Community Center');
  await page.getByLabel('Published').check();
  await page.getByRole('button', { name: 'Save meeting' }).click();
  await expect(page.getByText('Meeting saved.')).toBeVisible();
  return new URL(page.url()).pathname;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'on' : 'off';
  test.describe(`meeting tools, JavaScript ${mode}`, () => {
    test.use({ javaScriptEnabled });

    test('an admin prints the sign-in sheet, emails everyone registered and duplicates the meeting', async ({ page }) => {
      const errors = trackConsoleErrors(page);
      const title = `Budget walk ${mode} ${Date.now()}`;
      const attendee = `Dana Walker ${mode}`;
      const address = `dana-${mode}-${Date.now()}@example.org`;
      await signInAsAdmin(page);
      const staffPage = await newMeeting(page, title);

      // Someone RSVPs on the public page.
      await page.getByRole('link', { name: 'Public page' }).click();
      await page.getByLabel('Your name').fill(attendee);
      await page.getByLabel('Email address').fill(address);
      await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
      await page.getByLabel('Childcare').check();
      // The public forms refuse posts made within seconds of the page (a bot timer).
      await page.waitForTimeout(3_100);
      await page.getByRole('button', { name: 'Send RSVP' }).click();
      await expect(page.getByText('You are registered: your seats are reserved.')).toBeVisible();

      // The sign-in sheet for the door.
      await page.goto(staffPage);
      await page.getByRole('link', { name: 'Printable sign-in sheet' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `Sign-in sheet: ${title}` })).toBeVisible();
      const row = page.getByRole('row', { name: new RegExp(attendee) });
      await expect(row).toContainText('Childcare');
      await expect(page.getByRole('columnheader', { name: 'Signature' })).toBeVisible();
      await expect(page.getByText(/use your browser's Print command/)).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      // An empty message is refused next to its fields.
      await page.getByRole('link', { name: 'Back to the meeting' }).click();
      await page.getByRole('group', { name: 'Send to' }).getByLabel('Everyone registered').check();
      await page.getByRole('button', { name: 'Send email' }).click();
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('There is a problem with what you entered');
      await expect(summary.getByRole('link', { name: 'Enter a subject' })).toBeVisible();
      await expect(summary.getByRole('link', { name: 'Enter the message' })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      // Then sent: one email each, through the outbox.
      await page.getByLabel('Subject').fill('Meet at the north gate');
      await page.getByLabel(/^Message/).fill('We gather at the north gate of Plummer Park.');
      await page.getByRole('button', { name: 'Send email' }).click();
      await expect(page.getByText('Message queued: 1 email to everyone registered.')).toBeVisible();
      expect(await emailsTo(address, 'Meet at the north gate')).toBe(1);

      // The copy opens in the editor as a draft, without the RSVP.
      await page.getByRole('button', { name: 'Duplicate meeting' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${title} (copy)` })).toBeVisible();
      await expect(page.getByText('Copy saved as a draft.', { exact: false })).toBeVisible();
      await expect(page.getByLabel('Title')).toHaveValue(`${title} (copy)`);
      await expect(page.getByLabel('Draft')).toBeChecked();
      await expect(page.getByRole('row', { name: new RegExp(attendee) })).toHaveCount(0);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      // The refused message answers 422, which the browser logs; anything else is a real error.
      expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    });
  });
}
