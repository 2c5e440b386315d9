// The steps the console's tests take, written so that they run the same against the stub and against
// the real local stack: sign in through the provider's page, wait for a view, move by keyboard.

import assert from 'node:assert/strict';

/** Waits until the console has drawn a view (html[data-ready=<name>]). */
export async function ready(page, name) {
  await page.waitForSelector(name ? `html[data-ready="${name}"]` : 'html[data-ready]', { timeout: 20000 });
}

/**
 * Signs in through the provider's sign-in page: the person (radio name=person value=<sub>) and, when
 * given, the roles (checkboxes name=roles). keyboard: true does it with the keyboard alone.
 */
export async function signIn(page, world, { person, roles = null, keyboard = false, view = 'oversikt', path = '/konsol/' }) {
  await page.goto(`${world.siteUrl}${path}`);
  await ready(page, 'inloggning');
  if (keyboard) {
    await tabTo(page, page.locator('#logga-in'));
    await page.keyboard.press('Enter');
  } else {
    await page.click('#logga-in');
  }
  await page.waitForURL((u) => u.origin === new URL(world.issuerUrl).origin);
  const radio = page.locator(`input[name="person"][value="${person}"]`);
  if (keyboard) {
    await tabTo(page, page.locator('input[name="person"]:checked'));
    // arrow keys move within the radio group
    for (let i = 0; i < 6 && !(await radio.isChecked()); i += 1) {
      await page.keyboard.press('ArrowDown');
    }
    assert.ok(await radio.isChecked(), `${person} chosen with the arrow keys`);
    for (const r of roles || []) {
      await tabTo(page, page.locator(`input[name="roles"][value="${r}"]`));
      await page.keyboard.press('Space');
    }
    await tabTo(page, page.locator('button[value="login"]'));
    await page.keyboard.press('Enter');
  } else {
    await radio.check();
    for (const r of roles || []) {
      await page.locator(`input[name="roles"][value="${r}"]`).check();
    }
    await page.click('button[value="login"]');
  }
  await page.waitForURL((u) => u.origin === new URL(world.siteUrl).origin);
  await ready(page, view);
}

/** Presses Tab until the locator has focus (at most max presses). */
export async function tabTo(page, locator, max = 400) {
  const handle = await locator.first().elementHandle();
  assert.ok(handle, 'the element to tab to exists');
  for (let i = 0; i < max; i += 1) {
    if (await handle.evaluate((el) => el === document.activeElement)) {
      return i;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`did not reach ${locator} with Tab in ${max} presses`);
}

/** The focused element's own text or label, for assertions. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim().slice(0, 80), name: el.getAttribute('name'), visible: el.matches(':focus-visible') };
  });
}
