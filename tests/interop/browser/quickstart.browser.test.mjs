// The quickstart bot's web page (samples/Rtvi.Quickstart) in a real headless Chromium, driven by playwright-core:
// the page is the official @pipecat-ai/client-js 1.13.1 over the official @pipecat-ai/websocket-transport, as a
// user meets it. Starts the built bot on a free loopback port, opens `/`, and checks bot-ready, a streamed answer,
// two action buttons (one feeding the conversation), the client-side functions set_theme (the page turns dark) and
// get_client_time (the answer quotes the browser's clock and time zone), and a clean console. Saves a screenshot to
// tests/interop/artifacts/quickstart.png (quickstart-failure.png when a step fails).
//
// Needs /usr/bin/chromium (tests/interop/setup.sh installs it as root). Without it the test fails when CI=true and
// is skipped otherwise. RTVI_QUICKSTART_CMD replaces `dotnet <Rtvi.Quickstart.dll>` (e.g. the Native AOT binary);
// it is started with `--urls http://127.0.0.1:<port>`.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { QuickstartBot, START_MS } from '../lib/quickstart-bot.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
];
const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));
const STEP_MS = 10_000;
// A time zone the machine running the bot is unlikely to use, so a time in it can only come from the browser.
const BROWSER_TIME_ZONE = 'Asia/Kathmandu';
const BROWSER_UTC_OFFSET = 'GMT+0545';

const missingChromium = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} not found: install Debian's chromium (run tests/interop/setup.sh as root, or apt-get install chromium)`;

if (missingChromium && process.env.CI === 'true') {
  test('quickstart page in headless chromium', () => assert.fail(`${missingChromium}; CI=true, so this is a failure`));
} else if (missingChromium) {
  test('quickstart page in headless chromium', { skip: missingChromium }, () => {});
} else {
  describe('quickstart page in headless chromium', () => {
    const bot = new QuickstartBot();
    let context;
    let page;
    let userDataDir;
    const pageErrors = [];
    const sockets = [];
    let started = false;
    let failed = false;

    // Every step records its failure so the screenshot of a broken page is kept under a different name. Steps after a
    // failed start are skipped (a failing `before` hook would only mark them cancelled, which no "# fail" line counts).
    const step = (name, body) => test(name, { timeout: 30_000 }, async (t) => {
      if (!started) {
        t.skip('the bot or the browser did not start');
        return;
      }
      try {
        await body();
      } catch (e) {
        failed = true;
        e.message += `\n--- page ---\n${await pageText().catch((err) => `(unavailable: ${err.message})`)}\n--- bot output (last lines) ---\n${bot.tail()}`;
        throw e;
      }
    });

    const pageText = async () => page.evaluate(() => {
      const list = (selector) => [...document.querySelectorAll(`${selector} li`)]
        .map((li) => `  ${li.className ? `[${li.className}] ` : ''}${li.textContent}`).join('\n');
      return `state: ${document.querySelector('#state')?.textContent} / ${document.querySelector('#ready')?.textContent}` +
        `, theme: ${document.documentElement.dataset.theme}\ntranscript:\n${list('#transcript')}\nevents:\n${list('#events')}`;
    });

    /** Waits (bounded) until `predicate(arg)`, evaluated in the page, is truthy; returns its value. */
    async function until(what, predicate, arg) {
      try {
        return await (await page.waitForFunction(predicate, arg, { timeout: STEP_MS })).jsonValue();
      } catch (e) {
        throw new Error(`timed out after ${STEP_MS} ms waiting for ${what} (${e.message.split('\n')[0]})`);
      }
    }

    const transcriptItems = () => page.$$eval('#transcript li', (items) => items.map((li) => ({ kind: li.className, text: li.textContent })));
    const eventItems = () => page.$$eval('#events li', (items) => items.map((li) => li.textContent));

    /**
     * Types `text` into the composer and sends it; resolves with the bot's complete answer to it and the successive
     * texts its bubble showed while it streamed. The embedded model streams word by word, each chunk but the last
     * ending in a space, so the answer is complete when its bubble ends in a sentence's final punctuation.
     */
    async function say(text) {
      const before = (await transcriptItems()).length;
      await page.evaluate(() => {
        window.__botTexts = [];
        window.__observer?.disconnect();
        window.__observer = new MutationObserver(() => {
          const bubbles = document.querySelectorAll('#transcript li.bot');
          const text = bubbles[bubbles.length - 1]?.textContent;
          if (text && text !== window.__botTexts.at(-1)) window.__botTexts.push(text);
        });
        window.__observer.observe(document.querySelector('#transcript'), { childList: true, subtree: true, characterData: true });
      });
      await page.fill('#message', text);
      await page.click('#composer button[type=submit]');
      const answer = await until(`the complete answer to ${JSON.stringify(text)}`, ({ before, text }) => {
        const items = [...document.querySelectorAll('#transcript li')].slice(before);
        const user = items.findIndex((li) => li.classList.contains('user') && li.textContent === text);
        const bot = user < 0 ? null : items.slice(user + 1).find((li) => li.classList.contains('bot'));
        return bot && /[.!?]["”]?$/.test(bot.textContent) ? bot.textContent : false;
      }, { before, text });
      assert.equal(await page.inputValue('#message'), '', 'the composer is cleared after sending');
      const streamed = await page.evaluate(() => { window.__observer.disconnect(); return window.__botTexts; });
      const items = (await transcriptItems()).slice(before);
      return { answer, streamed, items };
    }

    /** Clicks the action button for `type` and resolves with the text of its "type → result" line. */
    async function clickAction(type) {
      const button = page.locator(`.actions button[data-request="${type}"]`);
      assert.equal(await button.isEnabled(), true, `the ${type} button is enabled`);
      await button.click();
      return until(`the result line of the ${type} button`, (prefix) =>
        [...document.querySelectorAll('#events li')].map((li) => li.textContent).find((t) => t.startsWith(prefix)) ?? false,
      `${type} → `);
    }

    test('the quickstart bot and headless chromium start', { timeout: 2 * START_MS + 10_000 }, async () => {
      await bot.start();
      userDataDir = await mkdtemp(join(tmpdir(), 'rtvi-chromium-'));
      const { chromium } = await import('playwright-core');
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_FLAGS,
        viewport: { width: 1200, height: 1000 },
        locale: 'en-US',
        timezoneId: BROWSER_TIME_ZONE,
        timeout: START_MS,
      });
      page = context.pages()[0] ?? await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console.error: ${m.text()}`); });
      page.on('websocket', (ws) => {
        const socket = { url: ws.url(), sent: 0, received: 0, textFrames: 0 };
        sockets.push(socket);
        ws.on('framesent', ({ payload }) => { socket.sent++; if (typeof payload === 'string') socket.textFrames++; });
        ws.on('framereceived', ({ payload }) => { socket.received++; if (typeof payload === 'string') socket.textFrames++; });
      });
      started = true;
    });

    after(async () => {
      try {
        if (page) {
          const [name, stale] = failed ? ['quickstart-failure.png', 'quickstart.png'] : ['quickstart.png', 'quickstart-failure.png'];
          await mkdir(artifacts, { recursive: true });
          await rm(join(artifacts, stale), { force: true });
          await page.screenshot({ path: join(artifacts, name), fullPage: true, timeout: 5000 })
            .catch((e) => console.error(`# screenshot failed: ${e.message}`));
        }
        await Promise.race([context?.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      } finally {
        await bot.stop();
        if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
      }
    });

    step('the page loads and connects through the websocket transport to bot-ready', async () => {
      await page.goto(bot.url, { timeout: STEP_MS });
      assert.equal(await page.title(), 'Rtvi quickstart');
      await until('the bot-ready chip', () => document.querySelector('[data-testid=bot-ready]').textContent === 'bot ready');
      assert.equal(await page.textContent('[data-testid=state]'), 'ready', 'transport state');
      assert.equal(await page.getAttribute('[data-testid=bot-ready]', 'class'), 'chip on');
      assert.equal(await page.textContent('#connect'), 'Disconnect');
      assert.equal(await page.isEnabled('#message'), true, 'the composer is enabled once the bot is ready');
      const notes = (await transcriptItems()).filter((i) => i.kind === 'note').map((i) => i.text);
      assert.match(notes.join('\n'), /^bot ready · protocol 2\.\d+\.\d+$/m);
      assert.equal(sockets.length, 1, 'one WebSocket');
      assert.equal(new URL(sockets[0].url).pathname, '/ws');
      assert.ok(sockets[0].sent > 0 && sockets[0].received > 0, 'frames were exchanged');
    });

    step('a typed message gets a streamed answer', async () => {
      const message = 'Hello from the browser test';
      const { answer, streamed, items } = await say(message);
      assert.equal(items[0].kind, 'user');
      assert.ok(answer.startsWith(`You said: "${message}".`), `the answer echoes the message: ${answer}`);
      // Streamed: the bubble grew through several partial texts, each a prefix of the next.
      assert.ok(streamed.length >= 3, `the answer arrived in pieces, saw ${JSON.stringify(streamed)}`);
      for (let i = 1; i < streamed.length; i++) assert.ok(streamed[i].startsWith(streamed[i - 1]), 'the bubble only grows');
      assert.equal(streamed.at(-1), answer);
      assert.ok((await eventItems()).some((e) => /^ttfb llm \d+ ms$/.test(e.trim())), 'a time-to-first-token metric is shown');
    });

    step('action buttons: llm:add_fact (a record argument) feeds the conversation, feedback sends a server-message', async () => {
      assert.equal(await clickAction('llm:add_fact'), 'llm:add_fact → 1');
      assert.equal(await clickAction('feedback'), 'feedback → {"count":1,"average_rating":5}');
      await until('the feedback server-message', () =>
        [...document.querySelectorAll('#events li')].some((li) => li.textContent.startsWith('server-message ') && li.textContent.includes('feedback-received')));
      const { answer } = await say('What do you know about me?');
      assert.match(answer, /favourite colour: teal/, 'the fact added by the action is in the answer');
    });

    step('the client function set_theme runs in the page: it turns dark and the answer reports the result', async () => {
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
      assert.equal(await background(), 'rgb(247, 247, 245)');
      const { answer, items } = await say('Please switch to the dark theme');
      assert.ok(items.some((i) => i.kind === 'note' && i.text === 'running set_theme in the browser'), 'the function call is shown');
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      // The dark palette is applied (the body's background color transitions there).
      await until('the dark background', () => getComputedStyle(document.body).backgroundColor === 'rgb(17, 19, 24)');
      assert.match(answer, /\bdark theme\b/, `the answer uses the function's result: ${answer}`);
    });

    step("the client function get_client_time: the answer quotes the browser's clock and time zone", async () => {
      const { answer, items } = await say('What time is it?');
      assert.ok(items.some((i) => i.kind === 'note' && i.text === 'running get_client_time in the browser'), 'the function call is shown');
      const quoted = /^Your browser says it is (.+)\.$/.exec(answer)?.[1];
      assert.ok(quoted, `the answer quotes a time: ${answer}`);
      // The page's time zone (set on the browser context), not the bot's: the value came from the browser.
      assert.ok(quoted.includes(BROWSER_UTC_OFFSET), `the quoted time is in the browser's zone ${BROWSER_TIME_ZONE}: ${quoted}`);
      const skew = await page.evaluate((t) => Date.now() - Date.parse(t.replace(/ \(.*\)$/, '')), quoted);
      assert.ok(Math.abs(skew) < 60_000, `the quoted time is now (off by ${skew} ms): ${quoted}`);
    });

    step('the session stayed clean: binary frames only, no page errors, no error events', async () => {
      assert.deepEqual(pageErrors, []);
      assert.deepEqual((await eventItems()).filter((e) => /^(error|error-response|connect failed)\b|failed /.test(e)), []);
      assert.equal(sockets.length, 1, 'still one WebSocket');
      assert.equal(sockets[0].textFrames, 0, 'the websocket transport sends protobuf frames, never text');
      assert.equal(await page.textContent('[data-testid=bot-ready]'), 'bot ready');
    });
  });
}
