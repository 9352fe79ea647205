// Small DOM helpers. Data only ever reaches the page as text (textContent, attribute values set through
// the DOM), never as markup: a session key or message holding "<script>" shows as those characters.

/** An element with attributes and children; string children become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'className') {
      node.className = value;
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The element with this id (throws when the page lacks it: a bug, not a state). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error('missing element #' + id);
  }
  return node;
}

/** Sets an element's text. */
export function setText(node, text) {
  node.textContent = text === undefined || text === null ? '' : String(text);
}

const pad = (n) => String(n).padStart(2, '0');

/** A timestamp as local "YYYY-MM-DD HH:MM:SS", or only the time when it is today. */
export function formatTime(value, { timeOnlyToday = true } = {}) {
  if (!value) {
    return '';
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    return String(value);
  }
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const now = new Date();
  const today = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return timeOnlyToday && today ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/**
 * The last 8 characters of an id, for narrow columns (the whole id is in the title). Session ids are UUIDv7,
 * whose leading characters are the creation time and so the same for sessions made together.
 */
export function shortId(id) {
  return id ? '…' + String(id).slice(-8) : '';
}

/** Text cut to at most max characters. */
export function clip(text, max) {
  const s = String(text ?? '');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** Calls fn at most once per `ms`, the last call winning (trailing edge). */
export function throttle(fn, ms) {
  let timer = null;
  let pending = false;
  return () => {
    pending = true;
    if (timer !== null) {
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      if (pending) {
        pending = false;
        fn();
      }
    }, ms);
  };
}
