// The reporting form's steps as a person takes them, for the tests here and for a real-stack test
// to call. With keyboard: true every action is Tab / Shift+Tab / typing / Enter / Space (no mouse);
// otherwise the mouse clicks and fills. Each visited page state goes through `check` (screenshots,
// axe-core, 320 px) when one is given.

import assert from 'node:assert/strict';

export const NBSP = '\u00A0';

export class ReportForm {
  /**
   * page: a Playwright page. keyboard: keyboard only. check: async (page, name) => void, called on
   * every page state. name: a prefix for the states' names (screenshots).
   */
  constructor(page, { keyboard = false, check = null, name = 'rapport' } = {}) {
    this.page = page;
    this.keyboard = keyboard;
    this.checkFn = check;
    this.name = name;
  }

  async check(state) {
    if (this.checkFn) {
      await this.checkFn(this.page, `${this.name}-${state}`);
    }
  }

  // ---- keyboard primitives --------------------------------------------------------------------

  async isFocused(locator) {
    return locator.evaluate((el) => el === document.activeElement);
  }

  /** Presses Tab (or Shift+Tab) until the element has focus; fails after max presses. */
  async tabTo(locator, { back = false, max = 80 } = {}) {
    await locator.waitFor();
    for (let i = 0; i < max; i += 1) {
      if (await this.isFocused(locator)) {
        return;
      }
      await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    assert.fail(`could not reach ${locator} with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses`);
  }

  /** Activates a link or button: Tab to it and Enter, or a click. */
  async activate(locator) {
    if (this.keyboard) {
      await this.tabTo(locator);
      await this.page.keyboard.press('Enter');
    } else {
      await locator.click();
    }
  }

  /** Replaces a field's text: Tab to it, select all, type; or fill. */
  async type(locator, text) {
    if (this.keyboard) {
      await this.tabTo(locator);
      await this.page.keyboard.press('ControlOrMeta+A');
      await this.page.keyboard.press('Delete');
      if (text) {
        await this.page.keyboard.type(text);
      }
    } else {
      await locator.fill(text);
    }
  }

  /** Picks a radio button: Tab into the group and move with the arrow keys (Space on the first), or a click. */
  async choose(locator) {
    if (!this.keyboard) {
      await locator.check();
      return;
    }
    const name = await locator.getAttribute('name');
    const group = this.page.locator(`input[type=radio][name="${name}"]`);
    const first = group.first();
    const checked = this.page.locator(`input[type=radio][name="${name}"]:checked`);
    await this.tabTo((await checked.count()) ? checked : first);
    if (!(await checked.count())) {
      await this.page.keyboard.press('Space');
    }
    for (let i = 0; i < 10 && !(await locator.isChecked()); i += 1) {
      await this.page.keyboard.press('ArrowRight');
    }
    assert.ok(await locator.isChecked(), 'the radio button is chosen');
  }

  // ---- reading the page -----------------------------------------------------------------------

  h1() {
    return this.page.locator('h1');
  }

  async expectHeading(re) {
    await this.page.waitForFunction((src) => new RegExp(src).test(document.querySelector('h1')?.textContent || ''), re.source);
  }

  async expectFocusOnHeading() {
    assert.ok(await this.page.evaluate(() => document.activeElement === document.querySelector('h1')), 'focus is on the h1');
  }

  mainText() {
    return this.page.locator('main').innerText();
  }

  button(name) {
    return this.page.getByRole('button', { name, exact: true });
  }

  amount(areaNumber) {
    return this.page.locator(`#belopp-${areaNumber}`);
  }

  /** The error summary's items as [{text, href}]. */
  async errorSummary() {
    return this.page.locator('.error-summary a, .error-summary li').evaluateAll((els) => els
      .filter((e) => e.tagName === 'A' || !e.querySelector('a'))
      .map((e) => ({ text: e.textContent.trim(), href: e.getAttribute('href') })));
  }

  async expectErrorSummaryFocused() {
    await this.page.locator('.error-summary').waitFor();
    assert.ok(await this.page.evaluate(() => document.activeElement?.classList.contains('error-summary')),
      'focus is on the error summary');
    assert.match(await this.page.title(), /^Fel: /, 'the title says Fel:');
  }

  // ---- the steps ------------------------------------------------------------------------------

  /** Opens a personal link and waits for the first page with data. */
  async open(link, state = 'start') {
    await this.page.goto(link);
    await this.page.waitForSelector('html[data-ready]');
    await this.check(state);
  }

  async begin() {
    await this.activate(this.button('Börja'));
    await this.expectHeading(/Hur mycket har ni använt/);
    await this.expectFocusOnHeading();
    await this.check('belopp');
  }

  /** Types the amounts: {areaNumber: text}; returns the live region's text afterwards. */
  async fillAmounts(amounts, state = 'belopp-ifyllt') {
    for (const [area, text] of Object.entries(amounts)) {
      await this.type(this.amount(area), text);
    }
    const live = this.page.locator('#ej-forbrukat');
    await this.page.waitForTimeout(1300); // the live region is updated when typing pauses
    await this.check(state);
    return live.textContent();
  }

  async continue(expected, state) {
    await this.activate(this.button('Fortsätt'));
    if (expected) {
      await this.expectHeading(expected);
    }
    if (state) {
      await this.check(state);
    }
  }

  async answerAccounting({ separate = true, account = '' } = {}, state = 'sarredovisning-ifyllt') {
    await this.choose(this.page.locator(separate ? '#sarredovisat-ja' : '#sarredovisat-nej'));
    await this.type(this.page.locator('#beskrivning'), account);
    await this.check(state);
  }

  async fillReporter({ name = '', email = '' } = {}, state = 'uppgiftslamnare-ifyllt') {
    await this.type(this.page.locator('#namn'), name);
    await this.type(this.page.locator('#epost'), email);
    await this.check(state);
  }

  /** Submits from the check page and waits for the receipt (or whatever heading is expected). */
  async send(expected = /är inskickad/, state = 'kvittens') {
    await this.activate(this.page.locator('#skicka'));
    await this.expectHeading(expected);
    await this.check(state);
  }

  /**
   * The whole first report from the start page to the receipt. answers: {amounts, separate,
   * account, name, email}. Returns the receipt's reference.
   */
  async reportAll(answers) {
    await this.begin();
    await this.fillAmounts(answers.amounts);
    await this.continue(/Särredovisning/, 'sarredovisning');
    await this.answerAccounting({ separate: answers.separate, account: answers.account });
    await this.continue(/Vem lämnar/, 'uppgiftslamnare');
    await this.fillReporter({ name: answers.name, email: answers.email });
    await this.continue(/Kontrollera dina svar/, 'kontroll');
    await this.send();
    return this.page.locator('.panel .reference').innerText();
  }
}

/** Amounts that use all of `received` but `unspent` kronor, spread over the areas; as typed text with spaces. */
export function amountsFor(areas, received, unspent = 0, space = ' ') {
  const out = {};
  let left = received - unspent;
  areas.forEach((a, i) => {
    const v = i === areas.length - 1 ? left : Math.floor(left / (areas.length - i));
    out[a] = String(v).replace(/\B(?=(\d{3})+(?!\d))/g, space);
    left -= v;
  });
  return out;
}

/** The form's data as the page got it (GET /reports/form), read from the API with the page's token. */
export async function formData(apiUrl, link) {
  const token = decodeURIComponent(new URL(link).hash.slice(1));
  const res = await fetch(`${apiUrl}/reports/form`, { headers: { Authorization: `Bearer ${token}` } });
  return res.json();
}
