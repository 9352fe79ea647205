// One session: its facts and config, the audit history (rewound messages marked, rewind and fork markers)
// with fork/rewind buttons per visible message, its files, a message box and "End session".

import { byId, el, formatTime, setText, throttle } from './dom.js';

export class SessionView {
  constructor(api, { onError, onOpen, onSendFailed, onChanged }) {
    this.api = api;
    this.onError = onError;
    this.onOpen = onOpen;
    this.onSendFailed = onSendFailed;
    this.onChanged = onChanged;
    this.id = null;
    this.info = null;
    this.ended = false;
    this.generation = 0;
    this.panel = byId('session');
    this.refreshSoon = throttle(() => this.refresh(), 300);

    byId('sv-close').addEventListener('click', () => this.close());
    byId('sv-send').addEventListener('submit', (e) => {
      e.preventDefault();
      this.send();
    });
    byId('sv-end').addEventListener('click', () => this.end());
  }

  async open(id, notice = '') {
    this.id = id;
    this.info = null;
    this.ended = false;
    this.generation += 1;
    this.panel.hidden = false;
    setText(byId('sv-reply'), '');
    byId('sv-reply').hidden = true;
    const noticeNode = byId('sv-notice');
    setText(noticeNode, notice);
    noticeNode.hidden = !notice;
    byId('sv-history').replaceChildren();
    byId('sv-files').replaceChildren();
    byId('sv-config').replaceChildren();
    setText(byId('sv-id'), id);
    setText(byId('sv-key'), '');
    this.setStatus('…');
    await this.refresh();
    this.panel.scrollIntoView({ block: 'nearest' });
  }

  close() {
    this.id = null;
    this.generation += 1;
    this.panel.hidden = true;
  }

  async refresh() {
    const id = this.id;
    const generation = this.generation;
    if (!id || this.ended) {
      return;
    }
    try {
      const [info, history, files] = await Promise.all([
        this.api.getSession(id), this.api.auditHistory(id), this.api.files(id)]);
      if (generation !== this.generation) {
        return;
      }
      this.info = info;
      this.renderInfo(info);
      this.renderHistory(history);
      this.renderFiles(files);
    } catch (e) {
      if (generation !== this.generation) {
        return;
      }
      if (e.status === 404 && e.code === 'session_not_found') {
        this.markEnded();
        return;
      }
      this.onError(e);
    }
  }

  setStatus(status) {
    const node = byId('sv-status');
    setText(node, status);
    node.dataset.status = status;
  }

  renderInfo(info) {
    setText(byId('sv-key'), info.key || '(no key)');
    setText(byId('sv-id'), info.id);
    this.setStatus(info.status);
    setText(byId('sv-count'), String(info.messageCount));
    setText(byId('sv-created'), formatTime(info.createdAt, { timeOnlyToday: false }));
    setText(byId('sv-active'), formatTime(info.lastActiveAt, { timeOnlyToday: false }));
    this.renderConfig(info.config || {});
    this.setEnabled(!['Terminating', 'Terminated', 'Failed'].includes(info.status));
  }

  /** The config's members; null ones say "default" (the server's), metadata one row per entry. */
  renderConfig(config) {
    const rows = [];
    for (const [name, value] of Object.entries(config)) {
      if (name === 'metadata' && value && typeof value === 'object') {
        for (const [key, text] of Object.entries(value)) {
          rows.push(el('tr', {}, el('th', {}, 'metadata.' + key), el('td', {}, String(text))));
        }
        continue;
      }
      const shown = value === null || value === undefined
        ? el('td', { className: 'default' }, 'default')
        : el('td', {}, typeof value === 'object' ? JSON.stringify(value) : String(value));
      rows.push(el('tr', { dataset: { member: name } }, el('th', {}, name), shown));
    }
    byId('sv-config').replaceChildren(el('tbody', {}, ...rows));
  }

  setEnabled(enabled) {
    for (const id of ['sv-send-button', 'sv-end', 'sv-message']) {
      byId(id).disabled = !enabled;
    }
    for (const button of byId('sv-history').querySelectorAll('button')) {
      button.disabled = !enabled;
    }
  }

  renderHistory(entries) {
    const live = !this.ended && !(this.info && ['Terminating', 'Terminated', 'Failed'].includes(this.info.status));
    const items = entries.map((m) => {
      if (m.kind === 'rewind') {
        return el('li', { className: 'marker', dataset: { kind: 'rewind', sequence: m.sequence } },
          `⟲ Rewound to #${m.sequence}`, el('span', { className: 'muted' }, ' · ' + formatTime(m.at)));
      }
      if (m.kind === 'fork') {
        return el('li', { className: 'marker', dataset: { kind: 'fork', sequence: m.sequence } },
          `⑂ Forked at #${m.sequence}` + (m.text ? ` — ${m.text}` : ''), el('span', { className: 'muted' }, ' · ' + formatTime(m.at)));
      }
      const role = m.role || '';
      const actions = el('span', { className: 'actions' });
      if (!m.rewound) {
        const fork = el('button', { type: 'button', title: `New session with messages 1–${m.sequence}`, dataset: { action: 'fork' } }, 'Fork here');
        fork.addEventListener('click', () => this.fork(m.sequence));
        const rewind = el('button', { type: 'button', title: `Hide the messages after #${m.sequence}`, dataset: { action: 'rewind' } }, 'Rewind here');
        rewind.addEventListener('click', () => this.rewind(m.sequence));
        fork.disabled = !live;
        rewind.disabled = !live;
        actions.append(fork, rewind);
      }
      return el('li', {
        className: `message role-${role.toLowerCase()}` + (m.rewound ? ' rewound' : ''),
        dataset: { kind: 'message', sequence: m.sequence, role, rewound: m.rewound ? 'true' : 'false' },
      },
      el('div', { className: 'meta' },
        el('span', { className: 'seq' }, '#' + m.sequence),
        el('strong', { className: 'role' }, role),
        el('span', { className: 'at' }, formatTime(m.at)),
        m.rewound ? el('span', { className: 'tag' }, 'rewound') : null,
        actions),
      el('div', { className: 'text' }, m.text));
    });
    const list = byId('sv-history');
    list.replaceChildren(...items);
    list.scrollTop = list.scrollHeight;
  }

  renderFiles(files) {
    const items = files.map((f) => el('li', {},
      el('span', { className: 'mono' }, f.path),
      el('span', { className: 'muted' }, ` · ${f.length} chars · ${formatTime(f.addedAt)}`)));
    byId('sv-files').replaceChildren(...(items.length ? items : [el('li', { className: 'muted' }, 'No files.')]));
  }

  async send() {
    const id = this.id;
    const box = byId('sv-message');
    const message = box.value;
    if (!id || !message.trim()) {
      return;
    }
    const button = byId('sv-send-button');
    button.disabled = true;
    try {
      const reply = await this.api.send(id, message);
      box.value = '';
      const node = byId('sv-reply');
      setText(node, `Reply #${reply.sequence} (${reply.model}): ${reply.text}`);
      node.hidden = false;
      await this.refresh();
    } catch (e) {
      this.onSendFailed(e);
      this.onError(e);
    } finally {
      button.disabled = this.ended;
    }
  }

  async fork(atSequence) {
    const source = this.id;
    try {
      const fork = await this.api.fork(source, atSequence);
      this.onChanged();
      await this.onOpen(fork.id, `Fork of ${source} at message #${atSequence}.`);
    } catch (e) {
      this.onError(e);
    }
  }

  async rewind(toSequence) {
    try {
      await this.api.rewind(this.id, toSequence);
      this.onChanged();
      await this.refresh();
    } catch (e) {
      this.onError(e);
    }
  }

  async end() {
    const id = this.id;
    try {
      await this.api.end(id);
      if (id === this.id) {
        this.markEnded();
      }
      this.onChanged();
    } catch (e) {
      this.onError(e);
    }
  }

  markEnded() {
    this.ended = true;
    this.setStatus('Terminated');
    this.setEnabled(false);
  }

  /** Follows the open session's events: status at once, history and counts shortly after. */
  applyEvent(type, e) {
    if (!this.id) {
      return;
    }
    if (type === 'gap') {
      this.refreshSoon();
      return;
    }
    if (e.sessionId !== this.id) {
      return;
    }
    switch (type) {
      case 'session_status':
        if (!this.ended) {
          this.setStatus(e.to);
          this.setEnabled(!['Terminating', 'Terminated', 'Failed'].includes(e.to));
        }
        return;
      case 'session_terminated':
        this.markEnded();
        return;
      case 'message_appended':
      case 'session_rewound':
        this.refreshSoon();
        return;
      default:
    }
  }
}
