// One WebSocket connection speaking the framing of @pipecat-ai/websocket-transport:
// every WebSocket message is binary and holds one serialized pipecat.Frame; RTVI envelopes travel
// as JSON text in Frame.message.data. Like the official transport, inbound text frames, unknown frame
// kinds and unparseable JSON are dropped, and only envelopes labelled "rtvi-ai" are handed on. Unlike
// it, every such drop is recorded in `violations`, and every envelope in `transcript`, so tests can
// assert a clean wire and print what was exchanged when something goes wrong.
import WebSocket from 'ws';

import { decodeFrame, encodeMessageFrame } from './frame.mjs';

const OPEN_TIMEOUT_MS = 5000;
const CLOSE_TIMEOUT_MS = 3000;

export class FramedLink {
  /**
   * @param {object} handlers
   * @param {(msg: object) => void} handlers.onMessage   an inbound RTVI envelope (label "rtvi-ai")
   * @param {(info: {code: number, reason: string}) => void} [handlers.onUnexpectedClose]
   */
  constructor({ onMessage, onUnexpectedClose }) {
    this._onMessage = onMessage;
    this._onUnexpectedClose = onUnexpectedClose;
    this.ws = null;
    this.transcript = []; // { dir: 'out' | 'in', at: ms since open, msg }
    this.violations = []; // strings: what the official client would have rejected or dropped
    this.handlerErrors = []; // exceptions thrown by the client's message handler
    this.audioFrames = 0;
    this.closeInfo = null; // { code, reason, byUs }
    this._closingByUs = false;
    this._t0 = Date.now();
  }

  get isOpen() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Opens the socket; resolves once it is open, rejects on error or after a deadline. */
  open(url) {
    this._t0 = Date.now();
    const ws = new WebSocket(url, { handshakeTimeout: OPEN_TIMEOUT_MS });
    ws.binaryType = 'nodebuffer';
    this.ws = ws;
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reasonBuf) => {
        const reason = reasonBuf?.toString() ?? '';
        this.closeInfo = { code, reason, byUs: this._closingByUs };
        if (!this._closingByUs) this._onUnexpectedClose?.({ code, reason });
        resolve(this.closeInfo);
      });
    });
    ws.on('message', (data, isBinary) => this._receive(data, isBinary));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`WebSocket to ${url} did not open within ${OPEN_TIMEOUT_MS} ms`));
      }, OPEN_TIMEOUT_MS);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`WebSocket to ${url} failed: ${err.message}`));
      });
      // Errors after open surface as 'close'; keep a listener so they are never unhandled.
      ws.on('error', () => {});
    });
  }

  _receive(data, isBinary) {
    if (!isBinary) {
      this.violations.push(`text WebSocket message (the official client requires binary): ${String(data).slice(0, 200)}`);
      return;
    }
    let frame;
    try {
      frame = decodeFrame(data);
    } catch (e) {
      this.violations.push(`malformed protobuf Frame (${e.message}): ${Buffer.from(data).toString('hex').slice(0, 200)}`);
      return;
    }
    if (frame.kind === 'audio') {
      this.audioFrames++;
      return;
    }
    if (frame.kind !== 'message') {
      this.violations.push(`Frame kind '${frame.kind}' (the official client only handles audio and message)`);
      return;
    }
    let msg;
    try {
      msg = JSON.parse(frame.data);
    } catch (e) {
      this.violations.push(`Frame.message.data is not JSON (${e.message}): ${frame.data.slice(0, 200)}`);
      return;
    }
    this.transcript.push({ dir: 'in', at: Date.now() - this._t0, msg });
    if (msg?.label !== 'rtvi-ai') {
      this.violations.push(`envelope without label "rtvi-ai": ${frame.data.slice(0, 200)}`);
      return;
    }
    try {
      this._onMessage(msg);
    } catch (e) {
      // The official transport logs and drops handler exceptions; keep them for the test to inspect.
      this.handlerErrors.push(e);
    }
  }

  /** Sends one RTVI envelope (any object with label/type/id/data) as a binary protobuf frame. */
  send(msg) {
    const json = JSON.stringify(msg);
    if (!this.isOpen) {
      // The official transport logs "attempt to send to closed socket" and drops the message.
      this.violations.push(`send on a socket that is not open: ${json.slice(0, 200)}`);
      return;
    }
    this.transcript.push({ dir: 'out', at: Date.now() - this._t0, msg: JSON.parse(json) });
    this.ws.send(encodeMessageFrame(json), { binary: true });
  }

  /** Closes with 1000 and waits for the closing handshake (bounded; terminates the socket after that). */
  async close() {
    if (!this.ws) return;
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this._closingByUs = true;
    if (this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.terminate();
    } else if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.close(1000, 'client disconnect');
    }
    let timer;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(() => {
        this.violations.push(`no close handshake from the server within ${CLOSE_TIMEOUT_MS} ms`);
        this.ws.terminate();
        resolve();
      }, CLOSE_TIMEOUT_MS);
    });
    await Promise.race([this.closed, deadline]);
    clearTimeout(timer);
  }

  /** The exchanged envelopes, one line each: "+12ms > {...}" (out) / "+15ms < {...}" (in). */
  formatTranscript() {
    return this.transcript
      .map((e) => `+${e.at}ms ${e.dir === 'out' ? '>' : '<'} ${JSON.stringify(e.msg)}`)
      .join('\n');
  }
}
