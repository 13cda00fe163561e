/*
 * Messages in the log: one message (text, links, quick-reply buttons), a whole
 * transcript after a reload, the replies to a POST, and the button groups a
 * resident's answer closes. What a pressed button does is set by main.js
 * (onQuickReply), so rendering knows nothing of sending.
 */
import { PHOTO_STORED } from './config.js';
import { el } from './dom.js';
import { TEXTS, senderLabel } from './i18n.js';
import { appendLinkified } from './links.js';
import { decorateRating } from './rating.js';
import { state } from './state.js';
import { dom, scrollToBottom, setUnread } from './view.js';

var quickReplyHandler = function () {};

/* handler(group, btn, button): a quick-reply button was pressed. */
export function onQuickReply(handler) {
  quickReplyHandler = handler;
}

/* The language of a message from the gateway: its "lang" when it says (the note for
 * residents who write in Ukrainian or English), Ukrainian for Cyrillic text (that note
 * after a reload), else Polish, the language of the assistant's answers. */
function messageLang(msg, text) {
  if (typeof msg.lang === 'string' && /^[a-z]{2}$/.test(msg.lang)) { return msg.lang; }
  var cyrillic = (text.match(/[\u0400-\u04ff]/g) || []).length;
  var letters = (text.match(/[A-Za-z\u00c0-\u024f\u0400-\u04ff]/g) || []).length;
  return letters && cyrillic * 2 > letters ? 'uk' : 'pl';
}

function normalizeSender(sender) {
  return sender === 'user' || sender === 'consultant' || sender === 'system' ? sender : 'bot';
}

function validButtons(buttons) {
  if (!Array.isArray(buttons)) { return []; }
  return buttons.filter(function (b) {
    return b && typeof b === 'object' && typeof b.title === 'string' && b.title.trim() &&
      (typeof b.payload === 'string' || b.payload === undefined || b.payload === null);
  });
}

function appendToLog(node) {
  if (dom.typing.parentNode === dom.log) {
    dom.log.insertBefore(node, dom.typing);
  } else {
    dom.log.appendChild(node);
  }
}

/* False when the message (by its id) is already in the log. */
function firstSight(msg) {
  if (msg.id === undefined || msg.id === null) { return true; }
  var key = String(msg.id);
  if (state.seenIds[key]) { return false; }
  state.seenIds[key] = true;
  return true;
}

function messageBody(msg, sender, text) {
  var body = el('div', { class: 'kck-msg__text', lang: sender === 'user' ? null : messageLang(msg, text) });
  if (sender === 'user') {
    body.textContent = text === PHOTO_STORED ? TEXTS.photoSent : text;
  } else {
    appendLinkified(body, text);
  }
  return body;
}

function buttonGroup(buttons) {
  var group = el('div', { class: 'kck-quick-replies', role: 'group', 'aria-label': TEXTS.quickReplies });
  buttons.forEach(function (b) {
    var btn = el('button', { type: 'button', class: 'kck-quick-reply', text: b.title });
    btn.addEventListener('click', function () {
      quickReplyHandler(group, btn, b);
    });
    group.appendChild(btn);
  });
  decorateRating(group, buttons);
  return group;
}

/*
 * Render one message object { sender, text, buttons, id? }.
 * Returns the element, or null when there is nothing to show.
 */
export function renderMessage(msg, live) {
  if (!msg || typeof msg !== 'object') { return null; }
  var sender = normalizeSender(msg.sender);
  var text = typeof msg.text === 'string' ? msg.text : (msg.text == null ? '' : String(msg.text));
  var buttons = sender === 'user' ? [] : validButtons(msg.buttons);
  if (!text.trim() && !buttons.length) { return null; }
  if (!firstSight(msg)) { return null; }

  var label = el('span', {
    class: 'kck-msg__label' + (sender === 'user' || sender === 'system' ? ' kck-sr-only' : ''),
    'data-sender': sender,
    text: senderLabel(sender) + (sender === 'user' || sender === 'system' ? ': ' : '')
  });
  var node = el('div', { class: 'kck-msg kck-msg--' + sender }, [label]);
  if (text.trim()) { node.appendChild(messageBody(msg, sender, text)); }
  if (buttons.length) { node.appendChild(buttonGroup(buttons)); }

  appendToLog(node);
  if (live) {
    scrollToBottom();
    if (!state.isOpen && sender !== 'user') { setUnread(true); }
  }
  return node;
}

export function showSystem(text) {
  renderMessage({ sender: 'system', text: text }, true);
}

export function setGroupDisabled(group, disabled, chosen) {
  group.classList.toggle('kck-quick-replies--used', disabled);
  Array.prototype.forEach.call(group.querySelectorAll('button'), function (btn) {
    btn.disabled = disabled;
    btn.classList.toggle('kck-quick-reply--chosen', disabled && btn === chosen);
  });
}

export function clearLog() {
  while (dom.log.firstChild) { dom.log.removeChild(dom.log.firstChild); }
  state.seenIds = Object.create(null);
}

/*
 * The resident answers (typed or pressed): every button group still open is now
 * answered and disabled, exactly as renderTranscript shows them after a reload, so an
 * old button behaves the same live and reloaded. Returns the groups closed.
 */
export function closeAnsweredGroups() {
  var open = Array.prototype.filter.call(
    dom.log.querySelectorAll('.kck-quick-replies'),
    function (g) { return !g.classList.contains('kck-quick-replies--used'); });
  open.forEach(function (g) { setGroupDisabled(g, true, null); });
  return open;
}

/* Whole transcript (after a reload): buttons already answered are disabled. */
export function renderTranscript(messages) {
  var wasBusy = dom.typing.parentNode === dom.log;
  clearLog();
  if (wasBusy) { dom.log.appendChild(dom.typing); }
  var openGroups = [];
  (Array.isArray(messages) ? messages : []).forEach(function (msg) {
    var node = renderMessage(msg, false);
    if (!node) { return; }
    if (node.classList.contains('kck-msg--user')) {
      openGroups.forEach(function (g) { setGroupDisabled(g, true, null); });
      openGroups = [];
    }
    var group = node.querySelector('.kck-quick-replies');
    if (group) { openGroups.push(group); }
  });
  scrollToBottom();
}

/* Replies to a POST: skip an echo of what the resident just sent. */
export function renderReplies(messages, sentText) {
  (Array.isArray(messages) ? messages : []).forEach(function (msg) {
    if (msg && msg.sender === 'user' && (msg.text === sentText || !String(msg.text || '').trim())) { return; }
    renderMessage(msg, true);
  });
}
