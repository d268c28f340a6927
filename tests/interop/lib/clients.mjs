// Factories that build a real, unmodified client over our framed WebSocket transport and connect it.
// Each `open*` fills a harness session ({ client, transport, botReady, errors, messageErrors }).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { within } from './harness.mjs';
import { legacyTransportClass, transportClass } from './transports.mjs';

const require = createRequire(import.meta.url);
const CONNECT_MS = 8000;

// client-js 1.13 reads `window.navigator` while it is constructed.
globalThis.window ??= {};

const logLevelName = (process.env.RTVI_INTEROP_LOG || 'error').toUpperCase();
function quiet(pkg) {
  pkg.logger.setLevel(pkg.LogLevel[logLevelName] ?? pkg.LogLevel.ERROR);
  return pkg;
}

/** The packages, loaded once (the 0.x builds are CommonJS bundles). */
export const packages = {
  get clientJs04() {
    return (this._cj04 ??= quiet(require('client-js-0.4')));
  },
  get realtimeAi() {
    return (this._ra ??= quiet(require('realtime-ai')));
  },
  get clientJs1() {
    return (this._cj1 ??= quiet(require('client-js-1')));
  },
  version(name) {
    // Not every package exports its package.json; read it from where the package resolved.
    let dir = require.resolve(name);
    while (!dir.endsWith(`node_modules/${name}`)) dir = dir.slice(0, dir.lastIndexOf('/'));
    return JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).version;
  },
};

function collectErrors(session) {
  return {
    onError: (msg) => session.errors.push(msg),
    onMessageError: (msg) => session.messageErrors.push(msg),
  };
}

/**
 * `@pipecat-ai/client-js` 0.4.1. No baseUrl and no connect endpoint: the client skips its HTTP
 * handshake and connects the transport directly (otherwise an unhandled "Base URL not set" kills Node).
 */
export async function openClientJs04(session, url, { callbacks = {}, setup } = {}) {
  const pkg = packages.clientJs04;
  const Transport = legacyTransportClass(pkg);
  session.transport = new Transport({ wsUrl: url });
  session.client = new pkg.RTVIClient({
    transport: session.transport,
    params: { baseUrl: null, endpoints: { connect: null } },
    enableMic: false,
    enableCam: false,
    callbacks: { ...collectErrors(session), ...callbacks },
  });
  session.client.on('error', () => {}); // collected through onError
  setup?.(session);
  session.botReady = await within(session.client.connect(), CONNECT_MS, 'connect() to resolve on bot-ready');
}

/**
 * `realtime-ai` 0.2.3. It always builds the connect URL from baseUrl, so a custom connect handler
 * (no HTTP) supplies the auth bundle the transport connects with.
 */
export async function openRealtimeAi(session, url, { callbacks = {} } = {}) {
  const pkg = packages.realtimeAi;
  const Transport = legacyTransportClass(pkg);
  session.transport = new Transport({ wsUrl: url });
  session.client = new pkg.RTVIClient({
    transport: session.transport,
    params: { baseUrl: url.replace(/^ws/, 'http') },
    enableMic: false,
    enableCam: false,
    customConnectHandler: async () => ({ wsUrl: url }),
    callbacks: { ...collectErrors(session), ...callbacks },
  });
  session.client.on('error', () => {}); // realtime-ai emits 'error' unguarded: keep a listener
  session.botReady = await within(session.client.connect(), CONNECT_MS, 'connect() to resolve on bot-ready');
}

/** `@pipecat-ai/client-js` 1.13.1: connect({ wsUrl }) as with the official WebSocketTransport. */
export async function openClientJs1(session, url, { callbacks = {}, setup } = {}) {
  const pkg = packages.clientJs1;
  const Transport = transportClass(pkg);
  session.transport = new Transport();
  session.client = new pkg.PipecatClient({
    transport: session.transport,
    enableMic: false,
    enableCam: false,
    callbacks: { ...collectErrors(session), ...callbacks },
  });
  setup?.(session);
  session.botReady = await within(session.client.connect({ wsUrl: url }), CONNECT_MS, 'connect() to resolve on bot-ready');
}
