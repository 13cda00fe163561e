/*
 * The conversation with the gateway: created with a greeting, restored after a reload,
 * forgotten when its token is refused; typed messages and pressed buttons sent, with
 * nothing lost when sending fails. Photos are in photo.js.
 */
import { API_PREFIX } from './config.js';
import { errorText, isAuthError, messagesPath, request, timedMessages } from './api.js';
import { TEXTS } from './i18n.js';
import {
  closeAnsweredGroups, clearLog, renderMessage, renderReplies, renderTranscript,
  setGroupDisabled, showSystem
} from './render.js';
import { connectWs, stopWs } from './socket.js';
import { state } from './state.js';
import { fingerprint, loadSeen, saveConv, saveSeen } from './storage.js';
import { forgetThumbnails, withThumbnails } from './thumbs.js';
import { stopTyping } from './typing.js';
import { autosize, dom, setBusy, setUnread } from './view.js';

export function forgetConversation() {
  state.conv = null;
  saveConv(null);
  saveSeen(null);
  forgetThumbnails();
  stopWs();
}

/* Create a conversation and show the greeting (with the privacy notice). */
export function createAndGreet() {
  return request('POST', API_PREFIX).then(function (data) {
    var id = data && data.conversation_id;
    if ((typeof id !== 'string' && typeof id !== 'number') || !String(id) ||
        typeof data.token !== 'string' || !data.token) {
      var err = new Error('bad response');
      err.status = 500;
      throw err;
    }
    var conv = { id: String(id), token: data.token };
    return request('POST', messagesPath(conv.id), { payload: '/greet', text: '' }, conv.token)
      .then(function (reply) {
        state.conv = conv;
        saveConv(conv);
        state.loaded = true;
        renderReplies(reply && reply.messages, '');
        connectWs();
      });
  });
}

function restoreTranscript() {
  var conv = state.conv;
  state.restoring = true;
  state.pushBuffer = [];
  return request('GET', messagesPath(conv.id), undefined, conv.token).then(function (data) {
    if (conv !== state.conv) { return; }
    renderTranscript(withThumbnails(conv.id, timedMessages(data)));
    state.pushBuffer.forEach(function (msg) {
      /* Without an id we cannot tell whether the transcript already had it. */
      if (msg && msg.id !== undefined && msg.id !== null) { renderMessage(msg, true); }
    });
    state.loaded = true;
    connectWs();
  }).finally(function () {
    state.restoring = false;
    state.pushBuffer = [];
  });
}

/*
 * A visit with the chat closed: the launcher is marked unread when the conversation's
 * newest message from the assistant's side is not the one last read with the chat open
 * (a report's status notice that came while the resident was away). Nothing is marked
 * when nothing was read yet, or when the transcript cannot be fetched.
 */
export function checkUnread() {
  var conv = state.conv;
  var seen = loadSeen();
  if (!conv || seen === null) { return Promise.resolve(); }
  return request('GET', messagesPath(conv.id), undefined, conv.token).then(function (data) {
    if (conv !== state.conv || state.isOpen) { return; }
    var list = data && Array.isArray(data.messages) ? data.messages : [];
    for (var i = list.length - 1; i >= 0; i--) {
      var msg = list[i];
      if (msg && msg.sender !== 'user' && typeof msg.text === 'string' && msg.text.trim()) {
        if (fingerprint(msg.text) !== seen) { setUnread(true); }
        return;
      }
    }
  }).catch(function () { /* the transcript shows it when the chat is opened */ });
}

/* Called when the panel opens and the log does not show the conversation yet. */
export function loadConversation() {
  setBusy(true);
  var hadConv = !!state.conv;
  var task = hadConv
    ? restoreTranscript().catch(function (err) {
      if (isAuthError(err)) {
        forgetConversation();
        clearLog();
        setBusy(true);
        return createAndGreet();
      }
      throw err;
    })
    : createAndGreet();
  task.catch(function (err) {
    showSystem(errorText(err, hadConv && state.conv ? TEXTS.loadError : TEXTS.startError));
  }).finally(function () {
    setBusy(false);
  });
}

export function rememberSent(text) {
  state.sentTexts.push(text);
  if (state.sentTexts.length > 20) { state.sentTexts.shift(); }
}

/*
 * Send a resident message. body is { text } or { payload, text };
 * shown is the text of the resident's bubble.
 */
function sendMessage(body, shown, opts) {
  setBusy(true);
  var bubble = null;
  var ready = state.conv ? Promise.resolve() : createAndGreet();
  var answered = [];
  return ready.then(function () {
    answered = closeAnsweredGroups();
    bubble = renderMessage({ sender: 'user', text: shown }, true);
    rememberSent(shown);
    var conv = state.conv;
    return request('POST', messagesPath(conv.id), body, conv.token).then(function (data) {
      renderReplies(data && data.messages, shown);
    });
  }).catch(function (err) {
    if (bubble && bubble.parentNode) { bubble.parentNode.removeChild(bubble); }
    /* Not sent: the questions it would have answered are open again. */
    answered.forEach(function (g) { setGroupDisabled(g, false, null); });
    if (opts.onFail) { opts.onFail(); }
    if (isAuthError(err)) {
      forgetConversation();
      showSystem(TEXTS.sessionExpired);
    } else {
      showSystem(errorText(err, bubble ? TEXTS.networkError : TEXTS.startError));
    }
  }).finally(function () {
    setBusy(false);
  });
}

export function submitInput() {
  var input = dom.input;
  var text = input.value;
  if (!text.trim() || state.busy) { return; }
  input.value = '';
  autosize();
  stopTyping();
  sendMessage({ text: text }, text, {
    onFail: function () {
      /* Nothing typed is lost: put the text back in front of anything typed since. */
      input.value = input.value ? text + '\n' + input.value : text;
      autosize();
    }
  });
}

export function pressQuickReply(group, btn, button) {
  if (state.busy || btn.disabled) { return; }
  setGroupDisabled(group, true, btn);
  var payload = typeof button.payload === 'string' && button.payload ? button.payload : button.title;
  /* The pressed button is now disabled: keep the focus somewhere useful. */
  dom.input.focus();
  sendMessage({ payload: payload, text: button.title }, button.title, {
    onFail: function () { setGroupDisabled(group, false, null); }
  });
}
