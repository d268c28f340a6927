// The quickstart page: the official Pipecat client over the official WebSocket transport, talking to the bot at /ws.
import { LogLevel, PipecatClient } from '@pipecat-ai/client-js';
import { WavMediaManager, WebSocketTransport } from '@pipecat-ai/websocket-transport';

const $ = (selector) => document.querySelector(selector);
const transcript = $('#transcript');
const events = $('#events');
const input = $('#message');
const connectButton = $('#connect');
let botBubble = null;

function add(list, text, className, before = null) {
  const item = document.createElement('li');
  if (className) item.className = className;
  item.textContent = text;
  list.insertBefore(item, before);
  list.scrollTop = list.scrollHeight;
  return item;
}

const logEvent = (label, data) => add(events, `${label} ${data === undefined ? '' : JSON.stringify(data)}`);

function setReady(ready) {
  $('#ready').textContent = ready ? 'bot ready' : 'bot not ready';
  $('#ready').classList.toggle('on', ready);
  document.querySelectorAll('#composer > *, .actions button').forEach((el) => { el.disabled = !ready; });
  connectButton.textContent = ready ? 'Disconnect' : 'Connect';
}

/**
 * This page is text only: a media manager that opens neither microphone nor speaker (so the browser asks for no
 * permission). The transport's default one would also load Daily's call bundle from their CDN.
 */
class TextOnlyMediaManager extends WavMediaManager {
  async initialize() {}
  async connect() {}
  async disconnect() {}
}

const client = new PipecatClient({
  transport: new WebSocketTransport({ mediaManager: new TextOnlyMediaManager() }),
  enableMic: false,
  enableCam: false,
  callbacks: {
    onTransportStateChanged: (state) => { $('#state').textContent = state; },
    onBotReady: (data) => { setReady(true); add(transcript, `bot ready · protocol ${data.version}`, 'note'); },
    onDisconnected: () => setReady(false),
    onBotLlmStarted: () => { botBubble = add(transcript, '', 'bot'); },
    onBotLlmText: ({ text }) => { (botBubble ??= add(transcript, '', 'bot')).textContent += text; transcript.scrollTop = transcript.scrollHeight; },
    onBotLlmStopped: () => { botBubble = null; },
    onLLMFunctionCallInProgress: ({ function_name }) => add(transcript, `running ${function_name} in the browser`, 'note', botBubble),
    onServerMessage: (data) => logEvent('server-message', data),
    onMetrics: (data) => data.ttfb?.forEach((m) => logEvent(`ttfb ${m.processor} ${(m.value * 1000).toFixed(0)} ms`)),
    onMessageError: (message) => logEvent('error-response', message.data),
    onError: (message) => logEvent('error', message.data),
  },
});

client.setLogLevel(LogLevel.WARN);

// Client-side functions the bot's LLM can call; the return value goes back into the conversation.
client.registerFunctionCallHandler('get_client_time', async () => ({
  time: new Date().toString(),
  iso: new Date().toISOString(),
  time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
}));
client.registerFunctionCallHandler('set_theme', async ({ arguments: args }) => {
  const theme = args.theme === 'dark' ? 'dark' : 'light';
  document.documentElement.dataset.theme = theme;
  return { theme };
});

$('#composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  if (botBubble) botBubble.textContent += ' …'; // send-text interrupts the answer in progress
  botBubble = null;
  add(transcript, text, 'user');
  try {
    await client.sendText(text);
  } catch (error) {
    logEvent('send-text failed', String(error));
  }
});

document.querySelectorAll('.actions button').forEach((button) => button.addEventListener('click', async () => {
  const type = button.dataset.request;
  try {
    const result = await client.sendClientRequest(type, JSON.parse(button.dataset.args ?? '{}'));
    logEvent(`${type} →`, result);
  } catch (error) {
    logEvent(`${type} failed`, error?.data ?? String(error));
  }
}));

connectButton.addEventListener('click', async () => {
  if (client.connected) {
    await client.disconnect();
    return;
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  try {
    await client.connect({ wsUrl: `${scheme}://${location.host}/ws` });
  } catch (error) {
    logEvent('connect failed', String(error?.message ?? error));
  }
});

connectButton.click();
