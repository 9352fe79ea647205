// The dashboard: asks for the API key once (kept in sessionStorage only: never in a URL, never in
// localStorage, never logged), then shows the key's tenant through /v1: the sessions table, the live
// event feed, one session's view, and three small live charts.

import { ApiError, createApi } from './api.js';
import { Sparkline, formatNumber } from './charts.js';
import { byId, setText, throttle } from './dom.js';
import { EventFeed } from './feed.js';
import { SessionView } from './session-view.js';
import { EventStream } from './sse.js';
import { SessionsTable } from './table.js';

const KeyItem = 'jido.dashboard.apiKey';
const LivePollMs = 5000;

let apiKey = sessionStorage.getItem(KeyItem) || '';
const getKey = () => apiKey;
const api = createApi(getKey);

function showError(e) {
  const error = e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e && e.message ? e.message : e), 'client_error');
  setText(byId('error-title'), error.title);
  setText(byId('error-detail'), error.detail);
  setText(byId('error-code'), error.code);
  byId('error').hidden = false;
  if (error.status === 401) {
    signOut(false);
  }
}

function clearError() {
  byId('error').hidden = true;
}

let tenant = '';
function setTenant(value) {
  if (!value || value === tenant) {
    return;
  }
  tenant = value;
  const node = byId('tenant');
  setText(node, 'tenant: ' + value);
  node.hidden = false;
}

const counters = { turns: 0, failures: 0, failuresTotal: 0 };
const liveChart = new Sparkline(byId('chart-live'), { color: '#1a7f37', minMax: 4, step: true });
const turnsChart = new Sparkline(byId('chart-turns'), { color: '#1f6feb', minMax: 2 });
const failuresChart = new Sparkline(byId('chart-failures'), { color: '#cf222e', minMax: 2 });
let liveSessions = null;

function countFailure() {
  counters.failures += 1;
  counters.failuresTotal += 1;
  setText(byId('chart-failures-value'), String(counters.failuresTotal));
}

async function readLiveCount() {
  try {
    const [active, idle] = await Promise.all([
      api.listSessions({ status: 'Active', limit: 1 }), api.listSessions({ status: 'Idle', limit: 1 })]);
    liveSessions = active.total + idle.total;
    setText(byId('chart-live-value'), String(liveSessions));
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showError(e);
    }
  }
}
const readLiveCountSoon = throttle(readLiveCount, 1000);

const table = new SessionsTable(api, { onOpen: (id) => openSession(id), onError: showError, onTenant: setTenant });
const view = new SessionView(api, {
  onError: showError,
  onOpen: (id, notice) => openSession(id, notice),
  onSendFailed: () => countFailure(),
  onChanged: () => {
    table.reloadSoon();
    readLiveCountSoon();
  },
});
const feed = new EventFeed({ keyOf: (id) => table.keyOf(id), onOpen: (id) => openSession(id) });

async function openSession(id, notice = '') {
  table.select(id);
  await view.open(id, notice);
}

function onEvent(type, e) {
  table.applyEvent(type, e);
  feed.add(type, e);
  view.applyEvent(type, e);
  if (type === 'message_appended' && e.role === 'Assistant') {
    counters.turns += 1;
  }
  if (type === 'session_status' && e.to === 'Failed') {
    countFailure();
  }
  if (type === 'session_status' || type === 'session_created' || type === 'session_terminated' || type === 'gap') {
    readLiveCountSoon();
  }
}

const stream = new EventStream({
  url: '/v1/events',
  getKey,
  onEvent,
  onState: (state) => {
    const node = byId('stream-state');
    node.dataset.state = state;
    setText(node, 'feed: ' + state);
  },
  onFatal: showError,
});

let ticker = null;
let poller = null;
function startCharts() {
  ticker = setInterval(() => {
    turnsChart.push(counters.turns);
    setText(byId('chart-turns-value'), formatNumber(counters.turns));
    counters.turns = 0;
    failuresChart.push(counters.failures);
    counters.failures = 0;
    if (liveSessions !== null) {
      liveChart.push(liveSessions);
    }
  }, 1000);
  poller = setInterval(readLiveCount, LivePollMs);
}

function stopCharts() {
  clearInterval(ticker);
  clearInterval(poller);
}

async function signIn(key) {
  apiKey = key;
  try {
    await table.load();
  } catch (e) {
    apiKey = '';
    sessionStorage.removeItem(KeyItem);
    showError(e);
    return false;
  }
  sessionStorage.setItem(KeyItem, key);
  clearError();
  byId('login').hidden = true;
  byId('main').hidden = false;
  byId('sign-out').hidden = false;
  byId('api-key').value = '';
  stream.start();
  startCharts();
  readLiveCount();
  return true;
}

function signOut(clearMessage = true) {
  apiKey = '';
  sessionStorage.removeItem(KeyItem);
  stream.stop();
  stopCharts();
  view.close();
  feed.clear();
  tenant = '';
  byId('tenant').hidden = true;
  byId('main').hidden = true;
  byId('sign-out').hidden = true;
  byId('login').hidden = false;
  if (clearMessage) {
    clearError();
  }
}

byId('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const key = byId('api-key').value.trim();
  if (key) {
    signIn(key);
  }
});
byId('sign-out').addEventListener('click', () => signOut());
byId('error-close').addEventListener('click', clearError);

if (apiKey) {
  signIn(apiKey);
}
