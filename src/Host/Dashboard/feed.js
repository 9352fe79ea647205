// The live event feed: newest first, the last 200 events of the tenant's stream, each as one line of text.

import { byId, clip, el, formatTime, shortId } from './dom.js';

const MaxItems = 200;

export class EventFeed {
  constructor({ keyOf, onOpen }) {
    this.keyOf = keyOf;
    this.onOpen = onOpen;
    this.list = byId('feed');
  }

  clear() {
    this.list.replaceChildren();
  }

  add(type, e) {
    const who = e.sessionId ? (e.key || this.keyOf(e.sessionId) || shortId(e.sessionId)) : '';
    const item = el('li', { dataset: { type, sessionId: e.sessionId || '' }, title: e.sessionId || '' },
      el('span', { className: 'at' }, formatTime(e.at)),
      el('span', { className: 'type' }, type),
      el('span', { className: 'what' }, describe(type, e, who)));
    if (e.sessionId) {
      item.addEventListener('click', () => this.onOpen(e.sessionId));
    }
    this.list.prepend(item);
    while (this.list.childElementCount > MaxItems) {
      this.list.lastElementChild.remove();
    }
  }
}

function describe(type, e, who) {
  switch (type) {
    case 'session_created':
      return `${who} created`;
    case 'session_status':
      return `${who} ${e.from} → ${e.to}` + (e.reason ? ` (${e.reason})` : '');
    case 'session_terminated':
      return `${who} ended (${e.reason})`;
    case 'message_appended':
      return `${who} #${e.sequence} ${e.role}: ${clip(e.text, 120)}`;
    case 'session_forked':
      return `${who} forked from ${shortId(e.sourceSessionId)} at #${e.atSequence}`;
    case 'session_rewound':
      return `${who} rewound to #${e.toSequence}`;
    case 'gap':
      return `events missed (${e.reason}); reloaded`;
    default:
      return who;
  }
}
