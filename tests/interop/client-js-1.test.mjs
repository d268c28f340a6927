// @pipecat-ai/client-js 1.13.1 (protocol 2.1.0: client-message requests, server-message, function-call
// handlers, send-text) against the conformance host's fixture F2, in strict 2.1 mode and in auto mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { openClientJs1, packages } from './lib/clients.mjs';
import { against, nextEvent, rejectionOf, urls, within, withSession } from './lib/harness.mjs';

const REPLY_MS = 5000;
const version = packages.version('client-js-1');

for (const mode of ['2.1', 'auto']) {
  const url = urls[mode];
  const session = (body, opts) => withSession((s) => openClientJs1(s, url, opts), body);

  describe(`client-js ${version} against --protocol ${mode}`, () => {
    test('connect() resolves on bot-ready with version 2.1.0 and the server about', against(mode), () =>
      session(async ({ client, botReady, errors, messageErrors }) => {
        assert.equal(botReady.version, '2.1.0');
        assert.equal(typeof botReady.about?.library, 'string');
        assert.equal(client.state, 'ready');
        assert.deepEqual(errors, []);
        assert.deepEqual(messageErrors, []);
      }));

    test("sendClientRequest('test.echo', d) resolves with d", against(mode), () =>
      session(async ({ client }) => {
        const d = { text: 'héllo', n: 42, list: [1, { deep: null }], flag: false };
        assert.deepEqual(await within(client.sendClientRequest('test.echo', d), REPLY_MS, 'server-response'), d);
      }));

    test('concurrent sendClientRequest calls each resolve with their own reply', against(mode), () =>
      session(async ({ client }) => {
        const payloads = [1, 'two', { three: 3 }, [4], false];
        const replies = await within(
          Promise.all(payloads.map((d) => client.sendClientRequest('test.echo', d))),
          REPLY_MS,
          'five server-responses',
        );
        assert.deepEqual(replies, payloads);
      }));

    test("sendClientRequest('test.fail') rejects with an error-response 'boom'", against(mode), () =>
      session(async ({ client, messageErrors }) => {
        const reason = await rejectionOf(client.sendClientRequest('test.fail', {}), REPLY_MS, 'test.fail');
        assert.equal(reason.type, 'error-response');
        assert.equal(reason.data?.error, 'boom');
        assert.deepEqual(messageErrors.map((m) => m.id), [reason.id]);
      }));

    test('test.server_message delivers a server-message before its server-response', against(mode), () =>
      session(async ({ client }) => {
        const payload = { banner: 'hi', items: [1, 2, 3] };
        const order = [];
        const delivered = nextEvent(client, 'serverMessage').then((data) => {
          order.push('server-message');
          return data;
        });
        const answer = await within(client.sendClientRequest('test.server_message', payload), REPLY_MS, 'server-response');
        order.push('server-response');
        assert.equal(answer, 'ok');
        assert.deepEqual(await within(delivered, REPLY_MS, 'server-message'), payload);
        assert.deepEqual(order, ['server-message', 'server-response']);
      }));

    if (mode === 'auto') {
      test("a client-message 'tts:say' reaches the tts:say action and resolves true", against(mode), () =>
        session(async ({ client }) => {
          assert.equal(await within(client.sendClientRequest('tts:say', { text: 'Hello' }), REPLY_MS, 'server-response'), true);
        }));
    } else {
      test("a client-message 'tts:say' is rejected (protocol 2.1 has no actions)", against(mode), () =>
        session(async ({ client }) => {
          const reason = await rejectionOf(client.sendClientRequest('tts:say', { text: 'Hello' }), REPLY_MS, 'tts:say');
          assert.equal(reason.type, 'error-response');
          assert.equal(typeof reason.data?.error, 'string');
        }));
    }

    test('a client-side function call is answered by the registered handler and its result returned', against(mode), () => {
      const calls = [];
      const lifecycle = [];
      return withSession(
        (s) =>
          openClientJs1(s, url, {
            callbacks: {
              onLLMFunctionCallStarted: (d) => lifecycle.push(['started', d]),
              onLLMFunctionCallInProgress: (d) => lifecycle.push(['in-progress', d]),
              onLLMFunctionCallStopped: (d) => lifecycle.push(['stopped', d]),
            },
            setup: ({ client }) =>
              client.registerFunctionCallHandler('get_weather', async (fn) => {
                calls.push(fn);
                return { conditions: 'sunny', city: fn.arguments.city };
              }),
          }),
        async ({ client }) => {
          const stopped = nextEvent(client, 'llmFunctionCallStopped');
          const result = await within(
            client.sendClientRequest('test.invoke_tool', {
              function_name: 'get_weather',
              tool_call_id: 'call_7',
              arguments: { city: 'Paris' },
            }),
            REPLY_MS,
            'server-response of test.invoke_tool',
          );
          assert.deepEqual(result, { conditions: 'sunny', city: 'Paris' });
          assert.deepEqual(calls, [{ functionName: 'get_weather', arguments: { city: 'Paris' } }]);

          await within(stopped, REPLY_MS, 'llm-function-call-stopped');
          assert.deepEqual(lifecycle.map(([kind]) => kind), ['started', 'in-progress', 'stopped']);
          const [, inProgress] = lifecycle[1];
          assert.equal(inProgress.function_name, 'get_weather');
          assert.equal(inProgress.tool_call_id, 'call_7');
          assert.deepEqual(inProgress.arguments, { city: 'Paris' });
          const [, done] = lifecycle[2];
          assert.equal(done.tool_call_id, 'call_7');
          assert.notEqual(done.cancelled, true);
          assert.deepEqual(done.result, { conditions: 'sunny', city: 'Paris' });
        },
      );
    });

    test('sendDTMF() and sendUIEvent() are accepted by a 2.1.0 bot without error', against(mode), () =>
      session(async ({ client, errors, messageErrors }) => {
        client.sendDTMF('12#'); // the client refuses DTMF unless bot-ready said >= 2.0.0
        client.sendUIEvent('nav_click', { view: 'home' });
        assert.deepEqual(await within(client.sendClientRequest('test.echo', 'after'), REPLY_MS, 'server-response'), 'after');
        assert.deepEqual(errors, []);
        assert.deepEqual(messageErrors, []);
      }));

    test('sendText() raises no error and the session stays usable', against(mode), () =>
      session(async ({ client, errors, messageErrors }) => {
        await within(client.sendText('What is the weather?'), REPLY_MS, 'sendText()');
        await within(client.sendText('Quietly, please', { run_immediately: false, audio_response: false }), REPLY_MS, 'sendText()');
        // Requests sent after send-text are answered in order, so any reply to send-text would be here by now.
        assert.deepEqual(await within(client.sendClientRequest('test.echo', { after: 'send-text' }), REPLY_MS, 'server-response'), {
          after: 'send-text',
        });
        assert.deepEqual(errors, []);
        assert.deepEqual(messageErrors, []);
      }));
  });
}
