/*
 * The WebSocket of a conversation: live pushes (a consultant's messages), reconnected
 * with backoff; pushes that arrive while the transcript is restored wait for it.
 */
import { API_PREFIX, WS_MAX_DELAY_MS, WS_STABLE_MS, apiBase } from './config.js';
import { renderPushed } from './render.js';
import { state } from './state.js';
import { setConsultantTyping } from './view.js';

function wsUrl(id) {
  var url = new URL(apiBase + API_PREFIX + '/' + encodeURIComponent(id) + '/ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export function connectWs() {
  var conv = state.conv;
  if (!conv || state.ws || typeof window.WebSocket !== 'function') { return; }
  if (state.wsTimer) { clearTimeout(state.wsTimer); state.wsTimer = null; }
  var sock;
  try {
    sock = new window.WebSocket(wsUrl(conv.id));
  } catch (e) {
    scheduleWs();
    return;
  }
  var openedAt = 0;
  state.ws = sock;
  sock.onopen = function () {
    openedAt = Date.now();
    try { sock.send(JSON.stringify({ token: conv.token })); } catch (e) { /* close follows */ }
  };
  sock.onmessage = function (event) {
    if (state.ws !== sock) { return; }
    state.wsAttempt = 0;
    handlePush(event.data);
  };
  sock.onerror = function () { /* a close event follows */ };
  sock.onclose = function (event) {
    if (state.ws !== sock) { return; } /* closed on purpose */
    state.ws = null;
    if (event.code === 4401) { return; } /* bad token: do not retry */
    if (openedAt && Date.now() - openedAt > WS_STABLE_MS) { state.wsAttempt = 0; }
    scheduleWs();
  };
}

function scheduleWs() {
  if (!state.conv || state.wsTimer) { return; }
  var delay = Math.min(WS_MAX_DELAY_MS, 1000 * Math.pow(2, state.wsAttempt));
  state.wsAttempt = Math.min(state.wsAttempt + 1, 10);
  state.wsTimer = setTimeout(function () {
    state.wsTimer = null;
    connectWs();
  }, delay);
}

export function stopWs() {
  if (state.wsTimer) { clearTimeout(state.wsTimer); state.wsTimer = null; }
  state.wsAttempt = 0;
  var sock = state.ws;
  state.ws = null;
  if (sock) {
    try { sock.close(1000); } catch (e) { /* already closed */ }
  }
}

/* Back online: reconnect at once rather than after the backoff. */
export function reconnectNow() {
  if (state.conv && !state.ws) {
    state.wsAttempt = 0;
    if (state.wsTimer) { clearTimeout(state.wsTimer); state.wsTimer = null; }
    connectWs();
  }
}

function handlePush(raw) {
  var data;
  try { data = JSON.parse(raw); } catch (e) { return; }
  var list;
  if (Array.isArray(data)) {
    list = data;
  } else if (data && Array.isArray(data.messages)) {
    list = data.messages;
  } else {
    list = [data];
  }
  list.forEach(function (msg) {
    if (!msg || typeof msg !== 'object') { return; }
    /* { "type": "typing", "sender": "consultant", "typing": true|false } from the console. */
    if (msg.type === 'typing') {
      if (msg.sender === 'consultant') { setConsultantTyping(msg.typing !== false); }
      return;
    }
    if (msg.sender === 'consultant') { setConsultantTyping(false); }
    /* Our own messages come back as echoes: they are already shown. */
    if (msg.sender === 'user' && state.sentTexts.indexOf(msg.text) !== -1) { return; }
    if (state.restoring) {
      state.pushBuffer.push(msg);
      return;
    }
    renderPushed(msg);
  });
}
