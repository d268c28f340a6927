// @pipecat-ai/client-js 0.4.1 (protocol 0.3.0) against the quickstart bot (samples/Rtvi.Quickstart), which runs in
// Auto mode: a 0.4.1 client sends no version, so it is served as a 0.3 client. Starts the built bot on a free
// loopback port (lib/quickstart-bot.mjs, embedded offline model) and checks bot-ready, the config and action
// descriptions, get/update-config, the actions tts:say and a failing llm:add_fact, and a send-text whose answer
// uses the result of a get_client_time call answered by the client's LLMHelper.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openClientJs04, packages } from './lib/clients.mjs';
import { rejectionOf, within, withSession } from './lib/harness.mjs';
import { QuickstartBot, START_MS } from './lib/quickstart-bot.mjs';

const REPLY_MS = 5000;
const TURN_MS = 10_000;

const SERVICES = [
  {
    name: 'llm',
    options: [
      { name: 'model', type: 'string' },
      { name: 'temperature', type: 'number' },
      { name: 'system_prompt', type: 'string' },
    ],
  },
  { name: 'tts', options: [{ name: 'voice', type: 'string' }] },
];

const version = packages.version('client-js-0.4');

describe(`client-js ${version} against the quickstart bot (auto mode)`, () => {
  const bot = new QuickstartBot();
  let startError = null;

  before(async () => {
    try {
      await bot.start();
    } catch (e) {
      startError = e;
    }
  }, { timeout: START_MS + 10_000 });
  after(() => bot.stop());

  /** A test with a connected client; fails (not cancelled) when the bot did not start, with its output on failure. */
  const step = (name, body, opts = {}) =>
    test(name, { timeout: 20_000 }, async () => {
      if (startError) throw startError;
      try {
        await withSession((s) => openClientJs04(s, bot.wsUrl, opts), body);
      } catch (e) {
        e.message += `\n--- bot output (last lines) ---\n${bot.tail()}`;
        throw e;
      }
    });

  step('connect() resolves on bot-ready with version 0.3.0 and the llm and tts config', async ({ client, botReady, errors }) => {
    assert.equal(botReady.version, '0.3.0');
    assert.deepEqual(botReady.config.map((c) => c.service), ['llm', 'tts']);
    assert.deepEqual(botReady.config[0].options.map((o) => o.name), ['model', 'temperature', 'system_prompt']);
    assert.equal(typeof botReady.config[1].options.find((o) => o.name === 'voice')?.value, 'string');
    assert.equal(client.state, 'ready');
    assert.deepEqual(errors, []);
  });

  step('describeConfig() lists llm (model, temperature, system_prompt) and tts (voice) with wire types', async ({ client }) => {
    const msg = await within(client.describeConfig(), REPLY_MS, 'config-available');
    assert.equal(msg.type, 'config-available');
    assert.deepEqual(msg.data.config, SERVICES);
  });

  step('describeActions() includes llm:add_fact and tts:say', async ({ client }) => {
    const msg = await within(client.describeActions(), REPLY_MS, 'actions-available');
    assert.equal(msg.type, 'actions-available');
    const find = (service, action) => msg.data.actions.find((a) => a.service === service && a.action === action);
    assert.deepEqual(find('llm', 'add_fact'), { service: 'llm', action: 'add_fact', arguments: [{ name: 'fact', type: 'object' }], result: 'number' });
    assert.deepEqual(find('tts', 'say'), { service: 'tts', action: 'say', arguments: [{ name: 'text', type: 'string' }], result: 'bool' });
  });

  step('getConfig() returns the config of bot-ready', async ({ client, botReady }) => {
    assert.deepEqual(await within(client.getConfig(), REPLY_MS, 'config'), botReady.config);
  });

  step('updateConfig() of the tts voice answers the whole config and getConfig() then shows it', async ({ client, botReady }) => {
    const updated = await within(
      client.updateConfig([{ service: 'tts', options: [{ name: 'voice', value: 'cobalt' }] }]),
      REPLY_MS,
      'config after update-config',
    );
    const expected = [botReady.config[0], { service: 'tts', options: [{ name: 'voice', value: 'cobalt' }] }];
    assert.equal(updated.type, 'config');
    assert.deepEqual(updated.data.config, expected);
    assert.deepEqual(await within(client.getConfig(), REPLY_MS, 'config'), expected);
  });

  step('action tts:say resolves with result true', async ({ client }) => {
    const response = await within(
      client.action({ service: 'tts', action: 'say', arguments: [{ name: 'text', value: 'Hello from client-js 0.4' }] }),
      REPLY_MS,
      'action-response',
    );
    assert.equal(response.type, 'action-response');
    assert.equal(response.data.result, true);
  });

  step('action llm:add_fact with a number for its record argument rejects with an error-response', async ({ client, messageErrors }) => {
    const reason = await rejectionOf(
      client.action({ service: 'llm', action: 'add_fact', arguments: [{ name: 'fact', value: 42 }] }),
      REPLY_MS,
      'action llm:add_fact with a wrong argument type',
    );
    assert.equal(reason.type, 'error-response');
    assert.match(reason.data?.error ?? '', /fact/, 'the error names the argument');
    assert.deepEqual(messageErrors.map((m) => m.id), [reason.id]);

    // The session goes on: a well-typed add_fact succeeds.
    const ok = await within(
      client.action({
        service: 'llm',
        action: 'add_fact',
        arguments: [{ name: 'fact', value: { subject: 'favourite colour', detail: 'teal' } }],
      }),
      REPLY_MS,
      'action-response of a well-typed add_fact',
    );
    assert.equal(typeof ok.data.result, 'number');
  });

  const FAKE_TIME = 'Tuesday 09:41 (client-js 0.4 clock)';
  const calls = [];
  let transcribed;
  const transcript = new Promise((resolve) => (transcribed = resolve));
  step(
    'send-text "what time is it": get_client_time is answered by the LLMHelper and the bot-transcription quotes it',
    async ({ client }) => {
      client.sendMessage(new packages.clientJs04.RTVIMessage('send-text', { content: 'what time is it' }));
      const { text } = await within(transcript, TURN_MS, 'a bot-transcription quoting the function result');
      assert.equal(text, `Your browser says it is ${FAKE_TIME}.`);
      assert.deepEqual(calls, [{ functionName: 'get_client_time', arguments: {} }]);
    },
    {
      callbacks: { onBotTranscript: (data) => { if (data.text.includes(FAKE_TIME)) transcribed(data); } },
      setup: ({ client }) => {
        const llm = new packages.clientJs04.LLMHelper({ callbacks: {} });
        client.registerHelper('llm', llm);
        llm.handleFunctionCall(async (fn) => {
          calls.push(fn);
          return { time: FAKE_TIME };
        });
      },
    },
  );
});
