// realtime-ai 0.2.3, the oldest 0.x client, against the conformance host in strict 0.3 mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { openRealtimeAi, packages } from './lib/clients.mjs';
import { against, urls, within, withSession } from './lib/harness.mjs';

const REPLY_MS = 5000;
const url = urls['0.3'];
const session = (body) => withSession((s) => openRealtimeAi(s, url), body);

describe(`realtime-ai ${packages.version('realtime-ai')} against --protocol 0.3`, () => {
  test('connect() resolves on bot-ready with version 0.3.0', against('0.3'), () =>
    session(async ({ client, botReady, errors, messageErrors }) => {
      assert.equal(botReady.version, '0.3.0');
      assert.equal(client.state, 'ready');
      assert.deepEqual(errors, []);
      assert.deepEqual(messageErrors, []);
    }));

  test('action tts:say resolves with result true', against('0.3'), () =>
    session(async ({ client }) => {
      const response = await within(
        client.action({ service: 'tts', action: 'say', arguments: [{ name: 'text', value: 'Hello' }] }),
        REPLY_MS,
        'action-response',
      );
      assert.equal(response.type, 'action-response');
      assert.equal(response.data.result, true);
    }));
});
