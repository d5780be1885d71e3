// Browser test of the search page and the widget, in Debian's Chromium driven by playwright-core.
// Usage: node e2e.mjs BASE_URL SCREENSHOT.png   (run by run.sh against a real `depeche serve`)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node e2e.mjs BASE_URL SCREENSHOT.png');
  process.exit(2);
}
const step = (s) => console.log('e2e: ' + s);
const fail = (s) => { throw new Error(s); };

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  locale: 'fr-FR',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors = [];
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('pageerror', (e) => errors.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  // The page may reach its own server only.
  await page.route('**/*', (route) => route.request().url().startsWith(base) ? route.continue() : route.abort());

  step('load /');
  const res = await page.goto(base + '/');
  if (!res || res.status() !== 200) fail('GET / answered ' + (res && res.status()));
  await page.getByRole('combobox', { name: 'Rechercher dans les archives' }).waitFor();

  step('type « coree du nord » and wait for suggestions');
  const box = page.locator('#q');
  await box.click();
  await box.pressSequentially('coree du nord', { delay: 30 });
  await page.locator('#suggestions [role=option]').first().waitFor({ state: 'visible' });
  if (await box.getAttribute('aria-expanded') !== 'true') fail('combobox not expanded with suggestions shown');
  const suggestions = await page.locator('#suggestions [role=option]').allTextContents();
  step('suggestions: ' + suggestions.join(' | '));
  await box.press('ArrowDown');
  if (!await box.getAttribute('aria-activedescendant')) fail('ArrowDown did not set aria-activedescendant');
  await box.press('Escape');
  if (!await page.locator('#suggestions').isHidden()) fail('Escape did not close the suggestions');

  step('press Enter: results with <mark>');
  await box.press('Enter');
  await page.locator('#hits .hit').first().waitFor();
  await page.locator('#hits .hit mark').first().waitFor();
  const status = await page.locator('#status').textContent();
  step('status: ' + status);
  if (!/\d+ articles?/.test(status)) fail('no result count in the status: ' + status);
  if (!/[?&]q=coree\+du\+nord/.test(page.url())) fail('the URL does not carry the query: ' + page.url());
  if (await page.locator('#timeline svg .timeline-bar').count() < 1) fail('no timeline bars');

  step('click the country facet « Corée du Nord »');
  const facet = page.locator('#facet-country button.facet-value', { hasText: 'Corée du Nord' });
  await facet.click();
  await page.waitForURL(/country=KP/);
  await page.locator('#facet-country button.facet-value[aria-pressed=true]', { hasText: 'Corée du Nord' }).waitFor();
  await page.locator('#hits .hit').first().waitFor();
  const hits = page.locator('#hits .hit');
  const n = await hits.count();
  if (n < 1) fail('no hits after the country filter');
  for (let i = 0; i < n; i++) {
    const countries = await hits.nth(i).locator('.tag-country').allTextContents();
    if (!countries.includes('Corée du Nord')) fail(`hit ${i + 1} lacks Corée du Nord: ${countries.join(', ')}`);
  }
  step(`${n} filtered hits, each about Corée du Nord`);
  await page.screenshot({ path: screenshot, fullPage: true });
  step('screenshot: ' + screenshot);

  step('timeline: a bar activated with the keyboard sets that year');
  const bar = page.locator('#timeline .timeline-bar').first();
  const year = await bar.getAttribute('data-value');
  await bar.focus();
  await bar.press('Enter');
  await page.waitForURL(new RegExp(`from=${year}&to=${year}`));
  await page.locator('#active-filters .chip', { hasText: 'Période' }).waitFor();

  step('timeline: dragging across two bars with the mouse sets the range');
  await page.goto(base + '/?q=coree+du+nord');
  const bars = page.locator('#timeline .timeline-bar');
  await bars.first().waitFor();
  if (await bars.count() >= 2) {
    const [v1, v2] = [await bars.nth(0).getAttribute('data-value'), await bars.nth(1).getAttribute('data-value')];
    const b1 = await bars.nth(0).locator('.timeline-fill').boundingBox();
    const b2 = await bars.nth(1).locator('.timeline-fill').boundingBox();
    await page.mouse.move(b1.x + b1.width / 2, b1.y + b1.height / 2);
    await page.mouse.down();
    await page.mouse.move(b2.x + b2.width / 2, b2.y + b2.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(new RegExp(`from=${v1}&to=${v2}`));
  }

  step('« Citations »: quotes with their speaker');
  await page.goto(base + '/?q=missile');
  await page.locator('#hits .hit').first().waitFor();
  await page.getByRole('checkbox', { name: 'Citations' }).check();
  await page.waitForURL(/quotes=1/);
  await page.locator('#quotes-list .quote .quote-speaker').first().waitFor();
  step('first quote by ' + await page.locator('#quotes-list .quote-speaker').first().textContent());

  step('empty state and hostile query text');
  await box.fill('<img src=x onerror=alert(1)> zzzqqqxxx');
  await box.press('Enter');
  await page.locator('#status', { hasText: 'Aucun résultat pour « <img src=x onerror=alert(1)> zzzqqqxxx »' }).waitFor();
  if (await page.locator('img').count() !== 0) fail('query text was inserted as HTML');

  step('narrow screen (360 px)');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(base + '/?q=coree+du+nord');
  await page.locator('#hits .hit mark').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) fail(`the page scrolls sideways by ${overflow}px at 360 px`);
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-360.png'), fullPage: false });

  step('widget on a host page');
  await page.setViewportSize({ width: 1280, height: 900 });
  // A host page on the server's origin (served by the browser test itself, not by depeche).
  await page.route(base + '/widget-host.html', (route) => route.fulfill({ contentType: 'text/html', body:
    `<!doctype html><html lang="fr"><body><h1>Site hôte</h1><div id="depeche-search" data-endpoint="${base}"></div>` +
    `<script src="${base}/widget.js" defer></script></body></html>` }));
  await page.goto(base + '/widget-host.html');
  const wbox = page.locator('#depeche-search input.depeche-input');
  await wbox.fill('coree du nord');
  await wbox.press('Enter');
  await page.locator('#depeche-search .depeche-hit mark').first().waitFor();
  step('widget hits: ' + await page.locator('#depeche-search .depeche-hit').count());

  if (errors.length) fail('browser errors:\n' + errors.join('\n'));
  step('OK');
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
