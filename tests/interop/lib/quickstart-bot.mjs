// The quickstart bot (samples/Rtvi.Quickstart) as a child process on a free loopback port, for the tests that talk to
// it (browser/quickstart.browser.test.mjs, client-js-0.4-quickstart.test.mjs). It runs the built
// `dotnet samples/Rtvi.Quickstart/bin/Release/net10.0/Rtvi.Quickstart.dll --urls http://127.0.0.1:<port>` with the
// embedded offline model; RTVI_QUICKSTART_CMD replaces `dotnet <Rtvi.Quickstart.dll>` (e.g. the Native AOT binary).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const botDll = join(root, 'samples/Rtvi.Quickstart/bin/Release/net10.0/Rtvi.Quickstart.dll');
export const START_MS = Number(process.env.RTVI_INTEROP_START_TIMEOUT ?? 30) * 1000;

/** The quickstart bot as a child process on a free loopback port. */
export class QuickstartBot {
  #process = null;
  #exited = null;
  #output = [];
  url = null;

  /** The bot's RTVI WebSocket endpoint (once started). */
  get wsUrl() {
    return this.url && `${this.url.replace(/^http/, 'ws')}ws`;
  }

  async start() {
    const command = process.env.RTVI_QUICKSTART_CMD?.trim().split(/\s+/);
    if (!command && !existsSync(botDll)) {
      throw new Error(`${botDll} not found; run 'dotnet build Rtvi.sln -c Release' first`);
    }
    const [file, ...args] = command ?? ['dotnet', botDll];
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}/`;
    // The embedded offline model, whatever the developer's environment configures.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^rtvi__openai__/i.test(k)));
    this.#process = spawn(file, [...args, '--urls', `http://127.0.0.1:${port}`], {
      cwd: command ? root : dirname(botDll),
      env: { ...env, DOTNET_NOLOGO: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk) => {
      this.#output.push(...chunk.toString().split('\n').filter(Boolean));
      this.#output.splice(0, Math.max(0, this.#output.length - 40));
    };
    this.#process.stdout.on('data', keep);
    this.#process.stderr.on('data', keep);
    this.#exited = new Promise((resolve) => {
      this.#process.once('exit', (code, signal) => resolve({ code, signal }));
      this.#process.once('error', (error) => resolve({ error: error.message })); // e.g. the command does not exist
    });
    process.once('exit', () => this.#process?.kill('SIGKILL'));
    await this.#waitForPage();
  }

  /** Polls `/` until it serves the bundled page; fails early when the bot exits, or at the deadline. */
  async #waitForPage() {
    const deadline = Date.now() + START_MS;
    let exit = null;
    this.#exited.then((e) => { exit = e; });
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (exit) throw new Error(`the quickstart bot exited (${JSON.stringify(exit)}) before serving /:\n${this.tail()}`);
      try {
        const response = await fetch(this.url, { signal: AbortSignal.timeout(2000) });
        const body = await response.text();
        if (response.ok) {
          if (!body.includes('src="app.js"')) {
            throw Object.assign(new Error(`/ is not the bundled page (was the bot built with RtviSkipWebBuild=true?):\n${body}`), { fatal: true });
          }
          return;
        }
        last = `HTTP ${response.status}`;
      } catch (e) {
        if (e.fatal) throw e;
        last = e.cause?.code ?? e.message;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the quickstart bot did not serve ${this.url} within ${START_MS} ms (${last}):\n${this.tail()}`);
  }

  tail() {
    return this.#output.map((line) => `  | ${line}`).join('\n') || '  | (no output)';
  }

  async stop() {
    if (!this.#process || this.#process.exitCode !== null || this.#process.signalCode !== null) return;
    this.#process.kill('SIGTERM');
    const stopped = await Promise.race([this.#exited, new Promise((resolve) => setTimeout(resolve, 5000, null).unref())]);
    if (!stopped) this.#process.kill('SIGKILL');
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}
