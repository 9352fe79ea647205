// Server-Sent Events over fetch. EventSource cannot send an Authorization header, so the stream is read
// with fetch and a ReadableStream reader and parsed here as the HTML standard's event-stream format
// describes: lines end in CRLF, LF or CR; "field: value" with one optional space; "data" lines join with
// LF; a blank line dispatches; ":" starts a comment (the host's heartbeats).

import { ApiError } from './api.js';

/** Incremental event-stream parser: feed it text, it calls onEvent({ id, type, data }) per dispatched event. */
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.lastEventId = '';
    this.reset();
  }

  reset() {
    this.type = '';
    this.data = [];
  }

  feed(text) {
    this.buffer += text;
    let start = 0;
    for (;;) {
      let end = -1;
      let next = -1;
      for (let i = start; i < this.buffer.length; i++) {
        const c = this.buffer.charCodeAt(i);
        if (c === 10) {
          end = i;
          next = i + 1;
          break;
        }
        if (c === 13) {
          if (i + 1 === this.buffer.length) {
            // A CR at the end of the chunk may be the first half of a CRLF: wait for the next chunk.
            break;
          }
          end = i;
          next = this.buffer.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
          break;
        }
      }
      if (end < 0) {
        break;
      }
      this.line(this.buffer.slice(start, end));
      start = next;
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        this.onEvent({ id: this.lastEventId, type: this.type || 'message', data: this.data.join('\n') });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.type = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id' && !value.includes('\0')) {
      this.lastEventId = value;
    }
  }
}

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    resolve();
  }, { once: true });
});

/**
 * The tenant's event stream, kept open: on a disconnect it reconnects (backing off from 0.5 s to 10 s)
 * with Last-Event-ID, so the host replays what was missed or starts with "event: gap". A 401/403 stops it
 * (onFatal); 429 waits for Retry-After.
 */
export class EventStream {
  constructor({ url, getKey, onEvent, onState, onFatal }) {
    this.url = url;
    this.getKey = getKey;
    this.onEvent = onEvent;
    this.onState = onState;
    this.onFatal = onFatal;
    this.lastEventId = '';
    this.stopped = true;
    this.stopper = null;
  }

  start() {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.stopper = new AbortController();
    this.run(this.stopper.signal);
  }

  stop() {
    this.stopped = true;
    if (this.stopper) {
      this.stopper.abort();
    }
    this.onState('off');
  }

  async run(signal) {
    let delay = 500;
    while (!signal.aborted) {
      let wait = delay;
      try {
        const headers = { Authorization: 'Bearer ' + this.getKey(), Accept: 'text/event-stream' };
        if (this.lastEventId) {
          headers['Last-Event-ID'] = this.lastEventId;
        }
        const response = await fetch(this.url, { headers, signal, cache: 'no-store', credentials: 'omit' });
        if (response.status === 401 || response.status === 403) {
          this.stopped = true;
          this.onState('stopped');
          this.onFatal(await ApiError.fromResponse(response));
          return;
        }
        if (response.status === 429) {
          const seconds = Number.parseInt(response.headers.get('Retry-After') || '5', 10);
          wait = Math.max(1, Number.isFinite(seconds) ? seconds : 5) * 1000;
          await response.body?.cancel();
        } else if (!response.ok || !response.body) {
          await response.body?.cancel();
        } else {
          this.onState('live');
          delay = 500;
          await this.read(response.body, signal);
        }
      } catch {
        // A dropped connection or an abort: reconnect below unless stopped.
      }
      if (signal.aborted) {
        return;
      }
      this.onState('reconnecting');
      await sleep(wait, signal);
      delay = Math.min(delay * 2, 10000);
    }
  }

  async read(body, signal) {
    const reader = body.getReader();
    const decoder = new TextDecoder('utf-8');
    const parser = new SseParser((event) => {
      this.lastEventId = event.id;
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      this.onEvent(event.type, data, event.id);
    });
    parser.lastEventId = this.lastEventId;
    const cancel = () => reader.cancel().catch(() => {});
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      signal.removeEventListener('abort', cancel);
      // An id line without data still moves the stream position (the gap marker's resumesAfter).
      this.lastEventId = parser.lastEventId;
    }
  }
}
