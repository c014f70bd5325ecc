import { test, expect, type Page } from '@playwright/test';
import { STAFF, expectNoA11yViolations, trackConsoleErrors, enterCode } from './fixtures';

const MEETING = 'Phase II community session at Plummer Park';

async function fillRsvp(page: Page, name: string, email: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('How many people are coming, including you').selectOption({ label: '2 people' });
  await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Business' });
  await page.getByLabel('ZIP code').fill('90069');
  await page.getByLabel('American Sign Language (ASL) interpreter').check();
  await page.getByLabel('Childcare').check();
  await page.getByLabel('Send me a reminder email two days before the meeting').check();
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'on' : 'off';
  test.describe(`meetings, JavaScript ${mode}`, () => {
    test.use({ javaScriptEnabled });

    test('an RSVP with accommodations, a bigger party, then a cancellation through the manage link', async ({ page }) => {
      const errors = trackConsoleErrors(page);
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Community meetings' })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByRole('link', { name: MEETING }).click();
      await expect(page.getByRole('heading', { level: 1, name: MEETING })).toBeVisible();
      await expect(page.getByText(/\d+ seats left/)).toBeVisible();
      await expect(page.getByRole('link', { name: 'Add to calendar (.ics)' })).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await fillRsvp(page, `Ana Business ${mode}`, `ana-${mode}@example.org`);
      // The public forms refuse posts made within seconds of the page (a bot timer).
      await page.waitForTimeout(3_100);
      await page.getByRole('button', { name: 'Send RSVP' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your RSVP' })).toBeVisible();
      await expect(page.getByText('Thank you: your RSVP is received.')).toBeVisible();
      await expect(page.getByText('You are registered: your seats are reserved.')).toBeVisible();
      await expect(page.getByText(/CSWB-R-\d{5}/)).toBeVisible();
      await expect(page.getByText('American Sign Language (ASL) interpreter, Childcare')).toBeVisible();
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });

      await page.getByLabel('How many people are coming, including you').selectOption({ label: '3 people' });
      await page.getByRole('button', { name: 'Change party size' }).click();
      await expect(page.getByText('Your party size is changed.')).toBeVisible();
      await expect(page.getByLabel('How many people are coming, including you')).toHaveValue('3');

      await page.getByRole('button', { name: 'Cancel my RSVP' }).click();
      await expect(page.getByText('Your RSVP is cancelled. Thank you for letting us know.')).toBeVisible();
      await expect(page.getByText('This RSVP is cancelled.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Cancel my RSVP' })).toHaveCount(0);
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
      expect(errors).toEqual([]);
    });

    test('"Other" without a description is reported next to the field and the ticked boxes stay ticked', async ({ page }) => {
      await page.goto('/events/phase-ii-session-plummer-park');
      await fillRsvp(page, `Boris Resident ${mode}`, `boris-${mode}@example.org`);
      await page.getByLabel('Other', { exact: true }).check();
      // The public forms refuse posts made within seconds of the page (a bot timer).
      await page.waitForTimeout(3_100);
      await page.getByRole('button', { name: 'Send RSVP' }).click();
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('There is a problem with what you entered');
      await summary.getByRole('link', { name: 'Describe the other accommodation you need' }).click();
      await expect(page.getByLabel('Other accommodation needed')).toBeFocused();
      await expect(page.getByLabel('American Sign Language (ASL) interpreter')).toBeChecked();
      await expect(page.getByLabel('Childcare')).toBeChecked();
      await expect(page.getByLabel('Your name')).toHaveValue(`Boris Resident ${mode}`);
      await expect(page.getByLabel('How many people are coming, including you')).toHaveValue('2');
      await expectNoA11yViolations(page, { javaScript: javaScriptEnabled });
    });
  });
}

test('an admin sees the accommodations to book and checks a person in at the door', async ({ page }) => {
  const name = `Chris Door ${Date.now()}`;
  await page.goto('/events/phase-ii-session-plummer-park');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill('chris@example.org');
  await page.getByLabel('Which group do you belong to?').selectOption({ label: 'Resident' });
  await page.getByLabel('Real-time captioning (CART)').check();
  // The public forms refuse posts made within seconds of the page (a bot timer).
  await page.waitForTimeout(3_100);
  await page.getByRole('button', { name: 'Send RSVP' }).click();
  await expect(page.getByText('You are registered: your seats are reserved.')).toBeVisible();

  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(STAFF.admin.email);
  await page.getByLabel('Password').fill(STAFF.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCode(page, STAFF.admin.totp);
  await page.getByRole('navigation', { name: 'Staff tools' }).getByRole('link', { name: 'Meetings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Meetings' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: MEETING }).click();
  await expect(page.getByText(/\d+ need: Real-time captioning \(CART\)/)).toBeVisible();
  await page.getByRole('button', { name: `Check in ${name}` }).click();
  await expect(page.getByRole('button', { name: `Undo check-in of ${name}` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Checked in');
  await expectNoA11yViolations(page);
});
