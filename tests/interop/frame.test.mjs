// The hand-written pipecat.Frame codec the transports use (no server needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { decodeFrame, encodeAudioFrame, encodeMessageFrame } from './lib/frame.mjs';

const CLIENT_READY = '{"label":"rtvi-ai","type":"client-ready","id":"a1b2c3d4","data":{}}';

test('a message frame is field 4 holding MessageFrame.data (field 1)', () => {
  const bytes = encodeMessageFrame(CLIENT_READY);
  assert.equal(CLIENT_READY.length, 67);
  assert.equal(bytes.subarray(0, 5).toString('hex'), '2245' + '0a43' + '7b');
  assert.equal(bytes.length, 2 + 2 + 67);
  assert.deepEqual(decodeFrame(bytes), { kind: 'message', data: CLIENT_READY });
});

test('long and non-ASCII message data round-trips (multi-byte length varints)', () => {
  const json = JSON.stringify({ label: 'rtvi-ai', type: 'server-message', data: { text: 'é✓'.repeat(5000) } });
  assert.deepEqual(decodeFrame(encodeMessageFrame(json)), { kind: 'message', data: json });
});

test('an audio frame is field 2 with name, PCM bytes, sample rate and channel count', () => {
  const pcm = Buffer.from([1, 0, 255, 127]);
  const frame = decodeFrame(encodeAudioFrame(pcm, { sampleRate: 24000, numChannels: 1 }));
  assert.equal(frame.kind, 'audio');
  assert.equal(frame.name, 'audio');
  assert.deepEqual([...frame.audio], [...pcm]);
  assert.equal(frame.sampleRate, 24000);
  assert.equal(frame.numChannels, 1);
});

test('other oneof members and unknown fields are reported, malformed input throws', () => {
  assert.equal(decodeFrame(Buffer.from('0a00', 'hex')).kind, 'text');
  assert.equal(decodeFrame(Buffer.from('2a00', 'hex')).kind, 'interruption');
  assert.deepEqual(decodeFrame(Buffer.from('3a00', 'hex')), { kind: 'unknown', field: 7 });
  assert.throws(() => decodeFrame(Buffer.from('2245', 'hex')), /truncated/);
});
