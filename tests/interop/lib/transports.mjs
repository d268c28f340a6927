// Transport subclasses for the real Pipecat clients, over the `ws` package, speaking the binary
// protobuf framing of @pipecat-ai/websocket-transport (see link.mjs). The clients' abstract Transport
// class is passed in, because every package (and every version) has its own.
//
// Lifecycle, mirroring the official WebSocketTransport:
//   initialize -> "disconnected"; initDevices -> "initializing" -> "initialized" (no media here);
//   connect -> "connecting" -> socket open -> "connected" (onConnected);
//   sendReadyMessage -> "ready", then client-ready is sent;
//   disconnect -> "disconnecting" -> close handshake -> "disconnected" (onDisconnected).
// An unexpected close reports a fatal `error`, as the official transport does.
import { FramedLink } from './link.mjs';

const noDevices = {
  async getAllMics() { return []; },
  async getAllCams() { return []; },
  async getAllSpeakers() { return []; },
  updateMic() {},
  updateCam() {},
  updateSpeaker() {},
  get selectedMic() { return {}; },
  get selectedCam() { return {}; },
  get selectedSpeaker() { return {}; },
  enableMic() {},
  enableCam() {},
  enableScreenShare() {},
  get isMicEnabled() { return false; },
  get isCamEnabled() { return false; },
  get isSharingScreen() { return false; },
  tracks() { return { local: {} }; },
};

function mixinNoDevices(cls) {
  for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(noDevices))) {
    Object.defineProperty(cls.prototype, name, { ...desc, enumerable: false });
  }
  return cls;
}

/** Members every generation shares: state with change callback, the link, and message plumbing. */
function commonMembers(Base, makeFatalError) {
  class Common extends Base {
    constructor({ wsUrl } = {}) {
      super();
      this._wsUrl = wsUrl ?? null;
      this.link = null;
      /** Every link this transport opened (one per connect), for inspection after a test. */
      this.links = [];
    }

    initialize(options, messageHandler) {
      this._options = options;
      this._callbacks = options.callbacks ?? {};
      this._onMessage = messageHandler;
      this.state = 'disconnected';
    }

    async initDevices() {
      this.state = 'initializing';
      this.state = 'initialized';
    }

    get state() {
      return this._state;
    }

    set state(state) {
      if (this._state === state) return;
      this._state = state;
      this._callbacks?.onTransportStateChanged?.(state);
    }

    async _openLink(url) {
      if (!url) throw new Error('no wsUrl given to the transport');
      this.state = 'connecting';
      const link = new FramedLink({
        onMessage: (msg) => this._onMessage(msg),
        onUnexpectedClose: ({ code, reason }) => {
          this.state = 'disconnected';
          this._callbacks?.onError?.(makeFatalError(`websocket connection closed. Code: ${code} ${reason}`.trim()));
        },
      });
      this.link = link;
      this.links.push(link);
      try {
        await link.open(url);
      } catch (e) {
        this.state = 'error';
        throw e;
      }
      this.state = 'connected';
      this._callbacks?.onConnected?.();
    }

    async _closeLink() {
      this.state = 'disconnecting';
      await this.link?.close();
      this.state = 'disconnected';
      this._callbacks?.onDisconnected?.();
    }

    sendMessage(message) {
      if (!this.link) throw new Error('sendMessage before connect');
      this.link.send(message);
    }
  }
  return Common;
}

/**
 * A Transport for the 0.x clients: `@pipecat-ai/client-js` 0.4.x and `realtime-ai` 0.2.x
 * (connect(authBundle, abortController) / disconnect() are the abstract entry points there).
 * @param {object} pkg the client package's exports (Transport, RTVIMessage)
 */
export function legacyTransportClass(pkg) {
  const { Transport, RTVIMessage } = pkg;
  const fatal = (message) => new RTVIMessage('error', { message, error: message, fatal: true });
  const Common = commonMembers(Transport, fatal);
  class WsProtobufTransportV0 extends Common {
    async connect(authBundle, abortController) {
      if (abortController?.signal.aborted) return;
      const url = (authBundle && (authBundle.wsUrl ?? authBundle.ws_url)) || this._wsUrl;
      await this._openLink(url);
    }

    async disconnect() {
      await this._closeLink();
    }

    sendReadyMessage() {
      this.state = 'ready';
      this.sendMessage(RTVIMessage.clientReady());
    }
  }
  return mixinNoDevices(WsProtobufTransportV0);
}

/**
 * A Transport for the 1.x clients (`@pipecat-ai/client-js` 1.13): the base class implements
 * connect()/disconnect() and calls _validateConnectionParams, _connect and _disconnect.
 * @param {object} pkg the client package's exports (Transport, RTVIMessage, RTVIError)
 */
export function transportClass(pkg) {
  const { Transport, RTVIMessage, RTVIError } = pkg;
  const Common = commonMembers(Transport, (message) => RTVIMessage.error(message, true));
  class WsProtobufTransportV1 extends Common {
    constructor(opts = {}) {
      super(opts);
      this._maxMessageSize = 1024 * 1024; // as the official WebSocketTransport
    }

    // Same rules as WebSocketTransport: only wsUrl/ws_url and token are accepted.
    _validateConnectionParams(connectParams) {
      if (connectParams === undefined || connectParams === null) return undefined;
      if (typeof connectParams !== 'object') throw new RTVIError('Invalid connection parameters');
      const fixed = {};
      for (const [key, val] of Object.entries(connectParams)) {
        const camel = key.replace(/_([a-zA-Z])/g, (_, c) => c.toUpperCase());
        if (camel !== 'wsUrl' && camel !== 'token') throw new RTVIError(`Unrecognized connection parameter: ${key}.`);
        if (typeof val !== 'string') throw new RTVIError(`Invalid type for ${camel}: expected string, got ${typeof val}`);
        fixed[camel] = val;
      }
      return fixed;
    }

    async _connect(connectParams) {
      if (this._abortController?.signal.aborted) return;
      let url = connectParams?.wsUrl ?? this._wsUrl;
      if (connectParams?.token) {
        url += `${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(connectParams.token)}`;
      }
      await this._openLink(url);
    }

    async _disconnect() {
      await this._closeLink();
    }

    sendReadyMessage() {
      this.state = 'ready';
      this.sendMessage(RTVIMessage.clientReady());
    }
  }
  return mixinNoDevices(WsProtobufTransportV1);
}
