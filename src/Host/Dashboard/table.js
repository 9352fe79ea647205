// The sessions table: one page of GET /v1/sessions (newest first) with status filter and offset/limit
// paging, a client-side key filter on the loaded page, an exact key lookup, and live updates from events.

import { byId, el, formatTime, setText, shortId, throttle } from './dom.js';
import { ApiError } from './api.js';

export class SessionsTable {
  constructor(api, { onOpen, onError, onTenant }) {
    this.api = api;
    this.onOpen = onOpen;
    this.onError = onError;
    this.onTenant = onTenant;
    this.status = '';
    this.offset = 0;
    this.limit = 50;
    this.keyFilter = '';
    this.page = { items: [], total: 0, offset: 0, limit: 50 };
    this.lookup = null;
    this.selectedId = null;
    this.keys = new Map();
    this.body = byId('sessions-body');
    this.reloadSoon = throttle(() => this.reload(), 400);

    byId('filter-status').addEventListener('change', (e) => {
      this.status = e.target.value;
      this.offset = 0;
      this.reload();
    });
    byId('filter-key').addEventListener('input', (e) => {
      this.keyFilter = e.target.value;
      this.render();
    });
    byId('find-key').addEventListener('click', () => this.findExact());
    byId('refresh').addEventListener('click', () => {
      this.lookup = null;
      this.reload();
    });
    byId('page-prev').addEventListener('click', () => {
      this.offset = Math.max(0, this.offset - this.limit);
      this.reload();
    });
    byId('page-next').addEventListener('click', () => {
      this.offset += this.limit;
      this.reload();
    });
    byId('page-size').addEventListener('change', (e) => {
      this.limit = Number.parseInt(e.target.value, 10) || 50;
      this.offset = 0;
      this.reload();
    });
  }

  /** The key of a session this page has seen, for the feed. */
  keyOf(id) {
    return this.keys.get(id);
  }

  /** load(), errors shown rather than thrown. */
  reload() {
    return this.load().catch((e) => this.onError(e));
  }

  async load() {
    this.lookup = null;
    const page = await this.api.listSessions({ status: this.status, offset: this.offset, limit: this.limit });
    if (page.items.length === 0 && page.total > 0 && this.offset > 0) {
      // The page emptied under us (sessions ended): step back to the last page that has any.
      this.offset = Math.max(0, Math.floor((page.total - 1) / this.limit) * this.limit);
      return this.load();
    }
    this.page = page;
    for (const s of page.items) {
      this.keys.set(s.id, s.key);
      this.onTenant(s.tenant);
    }
    this.render();
    return page;
  }

  async findExact() {
    const key = byId('filter-key').value;
    if (!key) {
      this.onError(new ApiError(0, 'No key given', 'Type the exact session key to look up.', 'validation_failed'));
      return;
    }
    try {
      const info = await this.api.findByKey(key);
      this.lookup = info;
      this.keys.set(info.id, info.key);
      this.render();
      this.onOpen(info.id);
    } catch (e) {
      this.onError(e);
    }
  }

  select(id) {
    this.selectedId = id;
    for (const row of this.body.rows) {
      row.classList.toggle('selected', row.dataset.sessionId === id);
    }
  }

  visibleItems() {
    if (this.lookup) {
      return [this.lookup];
    }
    const filter = this.keyFilter.trim().toLowerCase();
    return filter
      ? this.page.items.filter((s) => (s.key || '').toLowerCase().includes(filter))
      : this.page.items;
  }

  render() {
    const items = this.visibleItems();
    this.body.replaceChildren(...items.map((s) => this.row(s)));
    setText(byId('sessions-total'), this.lookup ? '(exact key)' : `(${this.page.total})`);
    byId('sessions-empty').hidden = items.length > 0;
    const first = this.page.items.length ? this.page.offset + 1 : 0;
    const last = this.page.offset + this.page.items.length;
    setText(byId('page-info'), this.lookup
      ? 'exact key lookup — Refresh to list again'
      : `${first}–${last} of ${this.page.total}` + (this.keyFilter.trim() ? ` (${items.length} match the key filter)` : ''));
    byId('page-prev').disabled = !!this.lookup || this.page.offset <= 0;
    byId('page-next').disabled = !!this.lookup || last >= this.page.total;
  }

  row(s) {
    const open = el('button', { type: 'button', title: s.key || s.id }, s.key || '(no key)');
    open.addEventListener('click', () => this.onOpen(s.id));
    const tr = el('tr', { dataset: { sessionId: s.id }, className: s.id === this.selectedId ? 'selected' : '' },
      el('td', { className: 'key' }, open),
      el('td', { className: 'id mono', title: s.id }, shortId(s.id)),
      el('td', {}, el('span', { className: 'status', dataset: { status: s.status } }, s.status)),
      el('td', { className: 'num' }, String(s.messageCount)),
      el('td', {}, formatTime(s.createdAt)),
      el('td', {}, formatTime(s.lastActiveAt)));
    if (s.status === 'Terminated') {
      tr.classList.add('ended');
    }
    return tr;
  }

  find(id) {
    if (this.lookup && this.lookup.id === id) {
      return this.lookup;
    }
    return this.page.items.find((s) => s.id === id);
  }

  /** Brings the table up to date with one event of the tenant's stream. */
  applyEvent(type, e) {
    if (e.tenant) {
      this.onTenant(e.tenant);
    }
    const s = e.sessionId ? this.find(e.sessionId) : undefined;
    switch (type) {
      case 'session_created':
        this.keys.set(e.sessionId, e.key ?? null);
        if (!this.lookup) {
          this.reloadSoon();
        }
        return;
      case 'session_status':
        if (s) {
          s.status = e.to;
          s.updatedAt = e.at;
          this.render();
        }
        if (this.status && !this.lookup) {
          this.reloadSoon();
        }
        return;
      case 'session_terminated':
        // Kept on the page, marked ended, until the next reload drops it.
        if (s) {
          s.status = 'Terminated';
          this.render();
        }
        return;
      case 'message_appended':
        if (s) {
          s.messageCount += 1;
          s.lastActiveAt = e.at;
          this.render();
        }
        return;
      case 'session_forked':
      case 'session_rewound':
      case 'gap':
        if (!this.lookup) {
          this.reloadSoon();
        } else if (type !== 'session_forked') {
          this.api.getSession(this.lookup.id).then((info) => {
            this.lookup = info;
            this.render();
          }, () => {});
        }
        return;
      default:
    }
  }
}
