// @pipecat-ai/client-js 1.13.1 (protocol 2.1.0) against the quickstart bot (samples/Rtvi.Quickstart), whose answers come
// from RtviConversation (Rtvi.Extensions.AI) with the embedded offline model. Starts the built bot on a free loopback
// port (lib/quickstart-bot.mjs) and checks, through the client's own callbacks, every event of a turn in order
// (onUserLlmText, onBotLlmStarted, onMetrics, onBotLlmText, onBotOutput, onBotLlmStopped), the lifecycle of a function
// the bot runs itself (roll_dice) and of one the client runs (get_client_time, through registerFunctionCallHandler).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openClientJs1, packages } from './lib/clients.mjs';
import { within, withSession } from './lib/harness.mjs';
import { QuickstartBot, START_MS } from './lib/quickstart-bot.mjs';

const TURN_MS = 10_000;
const version = packages.version('client-js-1');

/** Records the turn events the client reports, in order; `stopped` resolves at the first onBotLlmStopped. */
function recorder() {
  const events = [];
  let stop;
  const stopped = new Promise((resolve) => (stop = resolve));
  const record = (kind) => (data) => events.push([kind, data]);
  const callbacks = {
    onUserLlmText: record('user-llm-text'),
    onBotLlmStarted: record('bot-llm-started'),
    onBotLlmText: record('bot-llm-text'),
    onBotOutput: record('bot-output'),
    onBotTranscript: record('bot-transcription'),
    onMetrics: record('metrics'),
    onLLMFunctionCallStarted: record('llm-function-call-started'),
    onLLMFunctionCallInProgress: record('llm-function-call-in-progress'),
    onLLMFunctionCallStopped: record('llm-function-call-stopped'),
    onBotLlmStopped: () => {
      events.push(['bot-llm-stopped']);
      stop();
    },
  };
  const kinds = () => events.map(([kind]) => kind);
  const of = (kind) => events.filter(([k]) => k === kind).map(([, data]) => data);
  const streamed = () => of('bot-llm-text').map((d) => d.text).join('');
  return { callbacks, stopped, events, kinds, of, streamed };
}

describe(`client-js ${version} against the quickstart bot's conversation`, () => {
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

  /** A test with a connected client and a recorder; fails (not cancelled) when the bot did not start. */
  const step = (name, body, { setup } = {}) =>
    test(name, { timeout: 20_000 }, async () => {
      if (startError) throw startError;
      const turn = recorder();
      try {
        await withSession((s) => openClientJs1(s, bot.wsUrl, { callbacks: turn.callbacks, setup }), (session) => body(session, turn));
      } catch (e) {
        e.message += `\n--- bot output (last lines) ---\n${bot.tail()}`;
        throw e;
      }
    });

  step('sendText: user-llm-text, bot-llm-started, ttfb, streamed text with sentence bot-outputs, metrics, bot-llm-stopped', async ({ client, errors }, turn) => {
    await within(client.sendText('Hello bot'), TURN_MS, 'sendText()');
    await within(turn.stopped, TURN_MS, 'bot-llm-stopped');

    const kinds = turn.kinds();
    assert.deepEqual(kinds.slice(0, 3), ['user-llm-text', 'bot-llm-started', 'metrics']);
    assert.deepEqual(kinds.slice(-2), ['metrics', 'bot-llm-stopped']);
    assert.deepEqual(new Set(kinds.slice(3, -2)), new Set(['bot-llm-text', 'bot-output']));
    assert.equal(turn.of('user-llm-text')[0].text, 'Hello bot');
    assert.ok(turn.streamed().startsWith('You said: "Hello bot".'), turn.streamed());

    const outputs = turn.of('bot-output');
    assert.ok(outputs.length >= 3, 'one bot-output per sentence');
    assert.equal(outputs.map((o) => o.text).join(' '), turn.streamed().trim());
    outputs.forEach((o, i) => {
      assert.equal(o.aggregated_by, 'sentence');
      assert.equal(typeof o.spoken, 'boolean');
      assert.equal(o.will_be_spoken, o.spoken);
      if (i > 0) assert.ok(o.segment_id > outputs[i - 1].segment_id, 'segment ids grow');
    });
    assert.deepEqual(turn.of('bot-transcription'), [], '2.x clients get bot-output, not bot-transcription');

    const [ttfb, done] = turn.of('metrics');
    assert.equal(ttfb.ttfb[0].processor, 'llm');
    assert.equal(ttfb.ttfb[0].model, 'rtvi-embedded');
    assert.equal(done.processing[0].processor, 'llm');
    assert.equal(done.tokens[0].completion_tokens, turn.of('bot-llm-text').length);
    assert.deepEqual(errors, []);
  });

  step('a function the bot runs itself (roll_dice) is reported as started, in-progress and stopped with its result', async ({ client, errors }, turn) => {
    await within(client.sendText('Roll a die'), TURN_MS, 'sendText()');
    await within(turn.stopped, TURN_MS, 'bot-llm-stopped');

    const calls = turn.events.filter(([kind]) => kind.startsWith('llm-function-call'));
    assert.deepEqual(calls.map(([kind]) => kind), ['llm-function-call-started', 'llm-function-call-in-progress', 'llm-function-call-stopped']);
    const [[, started], [, inProgress], [, stopped]] = calls;
    assert.equal(started.function_name, 'roll_dice');
    assert.equal(inProgress.function_name, 'roll_dice');
    assert.deepEqual(inProgress.arguments, { sides: 6 });
    assert.equal(stopped.tool_call_id, inProgress.tool_call_id);
    assert.notEqual(stopped.cancelled, true);
    assert.equal(stopped.result.sides, 6);
    assert.equal(turn.streamed(), `You rolled a ${stopped.result.value} on a 6-sided die.`);
    assert.deepEqual(turn.of('bot-output').map((o) => o.text), [turn.streamed()]);
    assert.deepEqual(errors, []);
  });

  const FAKE_TIME = '10:42 (client-js 1 clock)';
  step(
    'a client function (get_client_time) runs in the registered handler and the answer quotes its result',
    async ({ client, errors }, turn) => {
      await within(client.sendText('What time is it?'), TURN_MS, 'sendText()');
      await within(turn.stopped, TURN_MS, 'bot-llm-stopped');
      const calls = turn.events.filter(([kind]) => kind.startsWith('llm-function-call')).map(([kind]) => kind);
      assert.deepEqual(calls, ['llm-function-call-started', 'llm-function-call-in-progress', 'llm-function-call-stopped']);
      assert.equal(turn.streamed(), `Your browser says it is ${FAKE_TIME}.`);
      assert.deepEqual(turn.of('bot-output').map((o) => o.text), [turn.streamed()]);
      assert.deepEqual(errors, []);
    },
    {
      setup: ({ client }) => client.registerFunctionCallHandler('get_client_time', async () => ({ time: FAKE_TIME })),
    },
  );
});
