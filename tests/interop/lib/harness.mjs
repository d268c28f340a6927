// Shared test plumbing: server URLs from the environment, deadlines, and a per-test session that
// always disconnects and, when the test fails, appends the wire transcript to the failure.

/** The conformance host URLs started by run.sh, by protocol mode. */
export const urls = {
  '0.3': process.env.RTVI_URL_03 || null,
  '2.1': process.env.RTVI_URL_21 || null,
  auto: process.env.RTVI_URL_AUTO || null,
};

/** node:test options for a test against `mode`: skipped (with the reason) when no host URL was given. */
export function against(mode, { timeout = 15000 } = {}) {
  const envName = { '0.3': 'RTVI_URL_03', '2.1': 'RTVI_URL_21', auto: 'RTVI_URL_AUTO' }[mode];
  return urls[mode] ? { timeout } : { timeout, skip: `${envName} not set (run tests/interop/run.sh)` };
}

/** Resolves/rejects like `promise`, or rejects after `ms` saying what was awaited. Never sleeps. */
export function within(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([Promise.resolve(promise), deadline]).finally(() => clearTimeout(timer));
}

/** The rejection reason of `promise` (which must reject within `ms`). */
export async function rejectionOf(promise, ms, what) {
  try {
    const value = await within(promise, ms, what);
    throw Object.assign(new Error(`expected ${what} to reject, it resolved with ${JSON.stringify(value)}`), {
      resolvedInstead: true,
    });
  } catch (e) {
    if (e?.resolvedInstead) throw e;
    if (e instanceof Error && e.message.startsWith('timed out after')) throw e;
    return e;
  }
}

/** A promise for the next event `name` of an EventEmitter-style client (optionally matching `predicate`). */
export function nextEvent(emitter, name, predicate = () => true) {
  return new Promise((resolve) => {
    const listener = (...args) => {
      if (!predicate(...args)) return;
      emitter.off(name, listener);
      resolve(args.length > 1 ? args : args[0]);
    };
    emitter.on(name, listener);
  });
}

/**
 * Runs `body(session)` with a connected client and always disconnects afterwards.
 * `open()` must return { client, transport, errors } and connect; `session.botReady` is connect()'s result.
 * On failure, the error message gets the envelopes exchanged on the wire.
 */
export async function withSession(open, body) {
  const session = { client: null, transport: null, botReady: undefined, errors: [], messageErrors: [] };
  let failure = null;
  try {
    await open(session);
    await body(session);
  } catch (e) {
    failure = e;
  }
  try {
    if (session.client) await within(session.client.disconnect(), 5000, 'client.disconnect()');
  } catch (e) {
    failure ??= e;
  }
  const link = session.transport?.link;
  if (!failure && link) {
    // The wire must stay clean: no text frames, unknown frame kinds, bad JSON, lost sends, handler crashes.
    if (session.errors.length) failure = new Error(`unexpected error events: ${JSON.stringify(session.errors)}`);
    else if (link.violations.length) failure = new Error(`wire violations:\n  ${link.violations.join('\n  ')}`);
    else if (link.handlerErrors.length) failure = link.handlerErrors[0];
    else if (link.closeInfo && !link.closeInfo.byUs) {
      failure = new Error(`the server closed the connection (code ${link.closeInfo.code})`);
    }
  }
  if (failure) {
    if (!(failure instanceof Error)) failure = new Error(`rejected with a non-Error: ${JSON.stringify(failure)}`);
    const transcript = session.transport?.links?.map((l) => l.formatTranscript()).join('\n-- reconnect --\n');
    if (transcript && failure instanceof Error) {
      failure.message += `\n--- wire transcript (> sent, < received) ---\n${transcript}`;
    }
    throw failure;
  }
}
