// A tiny encoder/decoder for the two pipecat.Frame variants the RTVI WebSocket framing uses
// (the same wire format @pipecat-ai/websocket-transport produces with its generated protobuf code):
//
//   message Frame         { oneof frame { TextFrame text = 1; AudioRawFrame audio = 2;
//                                          TranscriptionFrame transcription = 3; MessageFrame message = 4; ... } }
//   message MessageFrame  { string data = 1; }                     // data = one RTVI JSON envelope
//   message AudioRawFrame { uint64 id = 1; string name = 2; bytes audio = 3;
//                           uint32 sample_rate = 4; uint32 num_channels = 5; optional uint64 pts = 6; }

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

const FRAME_KINDS = { 1: 'text', 2: 'audio', 3: 'transcription', 4: 'message', 5: 'interruption' };

function varint(value) {
  const out = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Buffer.from(out);
}

function tag(field, wire) {
  return varint((field << 3) | wire);
}

function lenField(field, bytes) {
  return Buffer.concat([tag(field, WIRE_LEN), varint(bytes.length), bytes]);
}

function varintField(field, value) {
  return Buffer.concat([tag(field, WIRE_VARINT), varint(value)]);
}

/** Serializes `Frame { message: { data: json } }`; `json` is a string (or an object, stringified). */
export function encodeMessageFrame(json) {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return lenField(4, lenField(1, Buffer.from(text, 'utf8')));
}

/** Serializes `Frame { audio: { id, name, audio, sample_rate, num_channels } }` like the official client does. */
export function encodeAudioFrame(pcm, { sampleRate = 16000, numChannels = 1, name = 'audio', id = 0 } = {}) {
  const parts = [];
  if (id) parts.push(varintField(1, id));
  if (name) parts.push(lenField(2, Buffer.from(name, 'utf8')));
  if (pcm.length) parts.push(lenField(3, Buffer.from(pcm.buffer ?? pcm, pcm.byteOffset ?? 0, pcm.byteLength ?? pcm.length)));
  if (sampleRate) parts.push(varintField(4, sampleRate));
  if (numChannels) parts.push(varintField(5, numChannels));
  return lenField(2, Buffer.concat(parts));
}

function readVarint(buf, pos) {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 63n) throw new Error('varint too long');
  }
}

/** Splits a protobuf message into its fields: [{ field, wire, value }] (value: BigInt or Buffer). */
export function readFields(buf) {
  const fields = [];
  let pos = 0;
  while (pos < buf.length) {
    let key;
    [key, pos] = readVarint(buf, pos);
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new Error('field number 0');
    let value;
    switch (wire) {
      case WIRE_VARINT:
        [value, pos] = readVarint(buf, pos);
        break;
      case WIRE_I64:
        if (pos + 8 > buf.length) throw new Error('truncated fixed64');
        value = buf.subarray(pos, pos + 8);
        pos += 8;
        break;
      case WIRE_LEN: {
        let len;
        [len, pos] = readVarint(buf, pos);
        const end = pos + Number(len);
        if (end > buf.length) throw new Error('truncated length-delimited field');
        value = buf.subarray(pos, end);
        pos = end;
        break;
      }
      case WIRE_I32:
        if (pos + 4 > buf.length) throw new Error('truncated fixed32');
        value = buf.subarray(pos, pos + 4);
        pos += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${wire}`);
    }
    fields.push({ field, wire, value });
  }
  return fields;
}

/**
 * Parses one serialized pipecat.Frame. Returns
 *   { kind: 'message', data: string }
 *   { kind: 'audio', audio: Buffer, sampleRate, numChannels, name }
 *   { kind: 'text' | 'transcription' | 'interruption' | 'unknown' | 'empty', field? }
 * Throws on malformed protobuf. As in proto3, the last member of the oneof wins.
 */
export function decodeFrame(bytes) {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  const all = readFields(buf);
  const fields = all.filter((f) => f.wire === WIRE_LEN && FRAME_KINDS[f.field]);
  const unknown = all.find((f) => !FRAME_KINDS[f.field]);
  const last = fields.at(-1);
  if (!last) return unknown ? { kind: 'unknown', field: unknown.field } : { kind: 'empty' };
  const kind = FRAME_KINDS[last.field];
  const inner = readFields(last.value);
  if (kind === 'message') {
    const data = inner.filter((f) => f.field === 1 && f.wire === WIRE_LEN).at(-1);
    return { kind, data: data ? new TextDecoder('utf-8', { fatal: true }).decode(data.value) : '' };
  }
  if (kind === 'audio') {
    const get = (n) => inner.filter((f) => f.field === n).at(-1)?.value;
    return {
      kind,
      name: get(2)?.toString('utf8') ?? '',
      audio: get(3) ?? Buffer.alloc(0),
      sampleRate: Number(get(4) ?? 0n),
      numChannels: Number(get(5) ?? 0n),
    };
  }
  return { kind, field: last.field };
}
