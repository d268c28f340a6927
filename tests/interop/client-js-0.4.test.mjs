// @pipecat-ai/client-js 0.4.1 (protocol 0.3.0: config, actions, LLM helper) against the conformance
// host's fixture F03, in strict 0.3 mode and in auto mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { openClientJs04, packages } from './lib/clients.mjs';
import { against, rejectionOf, urls, within, withSession } from './lib/harness.mjs';

const REPLY_MS = 5000;

const INITIAL_CONFIG = [
  { service: 'llm', options: [{ name: 'model', value: 'm-1' }] },
  { service: 'tts', options: [{ name: 'voice', value: 'v-1' }] },
];

const SERVICES = [
  {
    name: 'llm',
    options: [
      { name: 'model', type: 'string' },
      { name: 'temperature', type: 'number' },
      { name: 'messages', type: 'array' },
    ],
  },
  { name: 'tts', options: [{ name: 'voice', type: 'string' }] },
  { name: 'stt', options: [{ name: 'language', type: 'string' }] },
];

const ACTIONS = [
  ['tts', 'say', [['text', 'string'], ['interrupt', 'bool']], 'bool'],
  ['test', 'echo', [['a', 'number'], ['b', 'object']], 'object'],
  ['test', 'fail', [], 'bool'],
  ['test', 'slow', [['ms', 'number']], 'number'],
  ['test', 'handler_log', [], 'array'],
  ['test', 'invoke_tool', [['function_name', 'string'], ['tool_call_id', 'string'], ['args', 'object']], 'object'],
  ['test', 'server_message', [['payload', 'object']], 'bool'],
];

/** [service, action, [[arg, type]...], result] of an actions-available descriptor list. */
const shapeOfActions = (actions) =>
  actions.map((a) => [a.service, a.action, (a.arguments ?? []).map((x) => [x.name, x.type]), a.result]);

const version = packages.version('client-js-0.4');

for (const mode of ['0.3', 'auto']) {
  const url = urls[mode];
  const session = (body, opts) => withSession((s) => openClientJs04(s, url, opts), body);

  describe(`client-js ${version} against --protocol ${mode}`, () => {
    test('connect() resolves on bot-ready with version 0.3.0 and the initial config', against(mode), () =>
      session(async ({ client, botReady, errors, messageErrors }) => {
        assert.equal(botReady.version, '0.3.0');
        assert.deepEqual(botReady.config, INITIAL_CONFIG);
        assert.equal(client.state, 'ready');
        assert.deepEqual(errors, []);
        assert.deepEqual(messageErrors, []);
      }));

    test('describeConfig() lists the services llm, tts, stt with typed options in order', against(mode), () =>
      session(async ({ client }) => {
        const msg = await within(client.describeConfig(), REPLY_MS, 'config-available');
        assert.equal(msg.type, 'config-available');
        assert.deepEqual(msg.data.config, SERVICES);
      }));

    test('describeActions() lists the seven fixture actions with argument and result types', against(mode), () =>
      session(async ({ client }) => {
        const msg = await within(client.describeActions(), REPLY_MS, 'actions-available');
        assert.equal(msg.type, 'actions-available');
        assert.deepEqual(shapeOfActions(msg.data.actions), ACTIONS);
      }));

    test('getConfig() returns the initial config', against(mode), () =>
      session(async ({ client }) => {
        assert.deepEqual(await within(client.getConfig(), REPLY_MS, 'config'), INITIAL_CONFIG);
      }));

    test('updateConfig() answers the whole config and getConfig() then shows the new value', against(mode), () =>
      session(async ({ client }) => {
        const updated = await within(
          client.updateConfig([{ service: 'tts', options: [{ name: 'voice', value: 'v-2' }] }]),
          REPLY_MS,
          'config after update-config',
        );
        const expected = [INITIAL_CONFIG[0], { service: 'tts', options: [{ name: 'voice', value: 'v-2' }] }];
        assert.equal(updated.type, 'config');
        assert.deepEqual(updated.data.config, expected);
        assert.deepEqual(await within(client.getConfig(), REPLY_MS, 'config'), expected);

        // The option handler ran with the new value.
        const log = await within(client.action({ service: 'test', action: 'handler_log' }), REPLY_MS, 'handler log');
        assert.deepEqual(log.data.result.at(-1), ['tts', 'voice', 'v-2']);
      }));

    test('updateConfig() naming an unknown service rejects and changes nothing', against(mode), () =>
      session(async ({ client }) => {
        const reason = await rejectionOf(
          client.updateConfig([
            { service: 'tts', options: [{ name: 'voice', value: 'v-3' }] },
            { service: 'nope', options: [{ name: 'x', value: 1 }] },
          ]),
          REPLY_MS,
          'update-config with an unknown service',
        );
        assert.equal(reason.type, 'error-response');
        assert.equal(typeof reason.data?.error, 'string');
        assert.deepEqual(await within(client.getConfig(), REPLY_MS, 'config'), INITIAL_CONFIG);
      }));

    test('getConfig() sent while a slow action runs is answered first, each reply to its own request', against(mode), () =>
      session(async ({ client }) => {
        const order = [];
        const slow = client
          .action({ service: 'test', action: 'slow', arguments: [{ name: 'ms', value: 300 }] })
          .then((r) => (order.push('action-response'), r));
        const config = client.getConfig().then((c) => (order.push('config'), c));
        const [slowResponse, configNow] = await within(Promise.all([slow, config]), REPLY_MS, 'both replies');
        assert.equal(slowResponse.data.result, 300);
        assert.deepEqual(configNow, INITIAL_CONFIG);
        assert.deepEqual(order, ['config', 'action-response']);
      }));

    test('action tts:say resolves with result true', against(mode), () =>
      session(async ({ client }) => {
        const response = await within(
          client.action({ service: 'tts', action: 'say', arguments: [{ name: 'text', value: 'Hello' }] }),
          REPLY_MS,
          'action-response',
        );
        assert.equal(response.type, 'action-response');
        assert.equal(response.data.result, true);
      }));

    test('action test:fail rejects with an error-response and reports it to onMessageError', against(mode), () =>
      session(async ({ client, messageErrors }) => {
        const reason = await rejectionOf(client.action({ service: 'test', action: 'fail' }), REPLY_MS, 'action test:fail');
        assert.equal(reason.type, 'error-response');
        assert.equal(typeof reason.data?.error, 'string');
        assert.ok(reason.data.error.length > 0, 'error-response carries an error text');
        assert.deepEqual(messageErrors.map((m) => m.id), [reason.id]);

        // The action lane goes on after a failing handler.
        const next = await within(
          client.action({ service: 'tts', action: 'say', arguments: [{ name: 'text', value: 'still here' }] }),
          REPLY_MS,
          'the next action-response',
        );
        assert.equal(next.data.result, true);
      }));

    test('action test:echo returns the argument map exactly as sent', against(mode), () =>
      session(async ({ client }) => {
        const response = await within(
          client.action({
            service: 'test',
            action: 'echo',
            arguments: [
              { name: 'a', value: 1.5 },
              { name: 'b', value: { nested: [1, 'two', null, true] } },
              { name: 'undeclared', value: 'kept' },
            ],
          }),
          REPLY_MS,
          'action-response',
        );
        assert.deepEqual(response.data.result, { a: 1.5, b: { nested: [1, 'two', null, true] }, undeclared: 'kept' });
      }));

    test('action test:server_message delivers a server-message to onServerMessage', against(mode), () => {
      let delivered;
      const serverMessage = new Promise((resolve) => (delivered = resolve));
      return withSession(
        (s) => openClientJs04(s, url, { callbacks: { onServerMessage: (data) => delivered(data) } }),
        async ({ client }) => {
          const payload = { kind: 'notice', n: 3 };
          const response = await within(
            client.action({ service: 'test', action: 'server_message', arguments: [{ name: 'payload', value: payload }] }),
            REPLY_MS,
            'action-response',
          );
          assert.equal(response.data.result, true);
          assert.deepEqual(await within(serverMessage, REPLY_MS, 'server-message'), payload);
        },
      );
    });

    test('an LLM function call is answered by the LLMHelper callback and its result returned', against(mode), () => {
      const calls = [];
      const announced = [];
      return withSession(
        (s) =>
          openClientJs04(s, url, {
            setup: ({ client }) => {
              const { LLMHelper } = packages.clientJs04;
              const llm = new LLMHelper({ callbacks: { onLLMFunctionCall: (fn) => announced.push(fn) } });
              client.registerHelper('llm', llm);
              llm.handleFunctionCall(async (fn) => {
                calls.push(fn);
                return { conditions: 'sunny', city: fn.arguments.city };
              });
            },
          }),
        async ({ client }) => {
          const response = await within(
            client.action({
              service: 'test',
              action: 'invoke_tool',
              arguments: [
                { name: 'function_name', value: 'get_weather' },
                { name: 'tool_call_id', value: 'call_42' },
                { name: 'args', value: { city: 'Paris' } },
              ],
            }),
            REPLY_MS,
            'action-response of test:invoke_tool',
          );
          assert.deepEqual(response.data.result, { conditions: 'sunny', city: 'Paris' });
          assert.deepEqual(calls, [{ functionName: 'get_weather', arguments: { city: 'Paris' } }]);
          assert.deepEqual(announced, [{ function_name: 'get_weather', tool_call_id: 'call_42', args: { city: 'Paris' } }]);
        },
      );
    });
  });
}
