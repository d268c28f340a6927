// Smoke test of a built quickstart bot: starts it on a free loopback port, checks the page, talks RTVI over a real
// WebSocket (JSON text frames) as a 2.x and a 0.3 client, and reports startup time and memory.
//
//   node smoke-test.mjs [--sessions N] [-- command args...]
//
// The command defaults to the Native AOT binary that ../publish-aot.sh writes (artifacts/quickstart-aot).
// Exit code 0 and a last line "smoke: ok" when every check passed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const options = split < 0 ? argv : argv.slice(0, split);
const sessionsAt = options.indexOf('--sessions');
const sessionCount = sessionsAt < 0 ? 1 : Number(options[sessionsAt + 1]);
const command = split < 0
  ? [fileURLToPath(new URL('../../../artifacts/quickstart-aot/Rtvi.Quickstart', import.meta.url))]
  : argv.slice(split + 1);
function deadline(ms, what) {
  const expired = new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref());
  expired.catch(() => {}); // only a race that loses to it reports it
  return expired;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok  ${what}`);
}

/** An RTVI client over ws with JSON text frames. */
class Client {
  static #next = 0;

  static open(url) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.queue = [];
    this.waiters = [];
    socket.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('the server answered a text client with a binary frame');
      this.queue.push(JSON.parse(data.toString()));
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  send(type, data) {
    const id = (++Client.#next).toString(16).padStart(8, '0');
    this.socket.send(JSON.stringify({ label: 'rtvi-ai', type, id, data }));
    return id;
  }

  /** Messages up to and including the first one that matches. */
  async until(match, what, ms = 10000) {
    const seen = [];
    const timeout = deadline(ms, what);
    for (;;) {
      while (this.queue.length) {
        const message = this.queue.shift();
        seen.push(message);
        if (match(message)) return seen;
      }
      await Promise.race([new Promise((wake) => this.waiters.push(wake)), timeout]);
    }
  }

  async request(type, data) {
    const id = this.send(type, data);
    return (await this.until((m) => m.id === id, `answer to ${type}`)).at(-1);
  }

  async handshake(version) {
    const ready = await this.request('client-ready', version ? { version, about: { library: 'smoke-test' } } : {});
    if (ready.type !== 'bot-ready') throw new Error(`expected bot-ready, got ${ready.type}`);
    return ready;
  }

  /** send-text, answering client function calls; returns the streamed answer. */
  async turn(content, result) {
    this.send('send-text', { content });
    const messages = await this.until((m) => m.type === 'llm-function-call-in-progress' || m.type === 'bot-llm-stopped', 'the turn');
    let last = messages.at(-1);
    let all = messages;
    if (last.type === 'llm-function-call-in-progress') {
      this.send('llm-function-call-result', { function_name: last.data.function_name, tool_call_id: last.data.tool_call_id, arguments: last.data.arguments ?? {}, result });
      all = all.concat(await this.until((m) => m.type === 'bot-llm-stopped', 'the answer'));
    }
    return { text: all.filter((m) => m.type === 'bot-llm-text').map((m) => m.data.text).join(''), messages: all };
  }

  close() { this.socket.close(); }
}

const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const wsUrl = `ws://127.0.0.1:${port}/ws`;
const started = performance.now();
const bot = spawn(command[0], [...command.slice(1), '--urls', base, '--Rtvi:Embedded:TokenDelayMs=0', '--Logging:LogLevel:Default=Warning'], { stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
bot.stdout.on('data', (chunk) => { output += chunk; });
const exited = new Promise((resolve) => bot.once('exit', (code) => resolve(code)));
const results = {};
let failed = false;

try {
  // Start to first bot-ready: connect as soon as the port accepts.
  let first;
  for (const give = performance.now() + 30000; ; ) {
    try {
      first = await Client.open(wsUrl);
      break;
    } catch (error) {
      if (performance.now() > give) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  const ready = await first.handshake('2.1.0');
  results.startToBotReadyMs = Math.round(performance.now() - started);
  check(ready.data.version === '2.1.0', `bot-ready 2.1.0 after ${results.startToBotReadyMs} ms`);
  check(output.includes(`open ${base}`), 'prints its URL');

  const page = await fetch(`${base}/`);
  check(page.ok && (await page.text()).includes('app.js'), 'serves the page at /');
  const script = await fetch(`${base}/app.js`);
  check(script.ok && (await script.text()).includes('registerFunctionCallHandler'), 'serves the bundle');
  const health = await fetch(`${base}/healthz`);
  check(health.ok && (await health.text()) === 'Healthy', 'answers the health check at /healthz');

  const added = await first.request('client-message', { t: 'llm:add_fact', d: { fact: { subject: 'pet', detail: 'cat' } } });
  check(added.type === 'server-response' && added.data.d === 1, 'client-message to an action (record argument)');
  const receipt = await first.request('client-message', { t: 'feedback', d: { rating: 4 } });
  check(receipt.type === 'server-response' && receipt.data.d.count === 1, 'typed client-message handler');
  const { text } = await first.turn('What time is it?', { time: 'smoke o\'clock' });
  check(text === 'Your browser says it is smoke o\'clock.', 'send-text with a client function call');

  const legacy = await Client.open(wsUrl);
  const legacyReady = await legacy.handshake(null);
  check(legacyReady.data.version === '0.3.0', '0.3 client: bot-ready 0.3.0');
  const said = await legacy.request('action', { service: 'tts', action: 'say', arguments: [{ name: 'text', value: 'hi' }] });
  check(said.type === 'action-response' && said.data.result === true, '0.3 client: action');
  legacy.close();

  results.rssKiBAfter1Session = rssKiB(bot.pid);
  if (sessionCount > 1) {
    const clients = await Promise.all(Array.from({ length: sessionCount - 1 }, async () => {
      const client = await Client.open(wsUrl);
      await client.handshake('2.1.0');
      await client.turn('Hello there', {});
      return client;
    }));
    results[`rssKiBAfter${sessionCount}Sessions`] = rssKiB(bot.pid);
    check(true, `${sessionCount} sessions open, each answered a turn`);
    clients.forEach((c) => c.close());
  }
  first.close();
} catch (error) {
  failed = true;
  console.error(`FAIL ${error.message}`);
} finally {
  bot.kill('SIGTERM');
  await Promise.race([exited, deadline(10000, 'bot exit').catch(() => bot.kill('SIGKILL'))]);
}
console.log(JSON.stringify(results));
console.log(failed ? 'smoke: failed' : 'smoke: ok');
process.exit(failed ? 1 : 0);
