/*
 * Messages in the log: one message (its parts are built in message.js, its buttons in
 * choices.js), a whole transcript after a reload, the replies to a POST, and the
 * button groups a resident's answer closes. What a pressed button does is set by
 * main.js (onQuickReply), so rendering knows nothing of sending.
 */
import { buttonGroup } from './choices.js';
import { el } from './dom.js';
import { appendLinkified } from './links.js';
import {
  emergencyHeading, labelNode, messageBody, normalizeSender, thumbnail, timeNode
} from './message.js';
import { state } from './state.js';
import { saveSeen } from './storage.js';
import { beginAnswer, dom, reveal, setUnread, showAnchor } from './view.js';

var quickReplyHandler = function () {};

/* handler(group, btn, button): a quick-reply button was pressed. */
export function onQuickReply(handler) {
  quickReplyHandler = handler;
}

function pressed(group, btn, button) {
  quickReplyHandler(group, btn, button);
}

function validButtons(buttons) {
  if (!Array.isArray(buttons)) { return []; }
  return buttons.filter(function (b) {
    return b && typeof b === 'object' && typeof b.title === 'string' && b.title.trim() &&
      (typeof b.payload === 'string' || b.payload === undefined || b.payload === null);
  });
}

function textOf(msg) {
  return typeof msg.text === 'string' ? msg.text : (msg.text == null ? '' : String(msg.text));
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

/* A message's text, photo and buttons, added to `node` (a new message or the one a
 * repeated question joins). */
function appendContent(node, msg, sender, live) {
  var text = textOf(msg);
  var buttons = sender === 'user' ? [] : validButtons(msg.buttons);
  var photo = sender === 'user' ? thumbnail(msg) : null;
  if (photo) { node.appendChild(photo); }
  if (text.trim()) { node.appendChild(messageBody(msg, sender, text, live)); }
  if (buttons.length) { node.appendChild(buttonGroup(buttons, pressed)); }
}

/*
 * Render one message object { sender, text, buttons, id?, at?, emergency? }.
 * Returns the element, or null when there is nothing to show.
 */
export function renderMessage(msg, live) {
  if (!msg || typeof msg !== 'object') { return null; }
  var sender = normalizeSender(msg.sender);
  var hasButtons = sender !== 'user' && validButtons(msg.buttons).length > 0;
  if (!textOf(msg).trim() && !hasButtons && !thumbnail(msg)) { return null; }
  if (!firstSight(msg)) { return null; }

  var node = el('div', { class: 'kck-msg kck-msg--' + sender }, [labelNode(sender)]);
  if (msg.emergency === true) {
    node.classList.add('kck-msg--emergency');
    node.appendChild(emergencyHeading());
  }
  appendContent(node, msg, sender, live);
  var time = timeNode(msg, live);
  if (time) { node.appendChild(time); }

  appendToLog(node);
  /* Read now: the widget's own notices (msg.local) are not in the transcript. */
  if (state.isOpen && sender !== 'user' && !msg.local && textOf(msg).trim()) {
    saveSeen(textOf(msg));
  }
  if (sender !== 'user') { lastAsked = textOf(msg); } else if (live) { askedBeforeUser = lastAsked; }
  if (live) {
    if (sender === 'user') {
      beginAnswer();
      showAnchor();
    } else {
      reveal(node);
      if (!state.isOpen) { setUnread(true); }
    }
  }
  return node;
}

export function showSystem(text) {
  beginAnswer();
  renderMessage({ sender: 'system', text: text, local: true }, true);
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

/* The text of the last message that was not the resident's (the question a resident's
 * message answers), and the one the resident's newest message answered. */
var lastAsked = '';
var askedBeforeUser = '';

/* The repeated question as the last paragraph of the bubble before it, its buttons
 * (if any) under it, the time last. */
function joinQuestion(node, msg) {
  var body = node.querySelector('.kck-msg__text');
  var time = node.querySelector('.kck-msg__time');
  body.appendChild(document.createTextNode('\n'));
  appendLinkified(body, textOf(msg));
  var buttons = validButtons(msg.buttons);
  if (buttons.length) { node.insertBefore(buttonGroup(buttons, pressed), time); }
}

/*
 * One bubble per error: a form that finds an answer wrong says why and then asks its
 * question again (the validator's message, then the form's question). The repeated
 * question joins the message before it instead of making a second bubble.
 * `run`: { asked: the question the resident answered, last: { node, sender, buttons } }.
 */
function place(run, msg, live) {
  var sender = normalizeSender(msg && msg.sender);
  var last = run.last;
  if (last && sender !== 'user' && last.sender === sender && !last.buttons &&
      run.asked && textOf(msg) === run.asked && firstSight(msg)) {
    joinQuestion(last.node, msg);
    lastAsked = run.asked;
    last.buttons = validButtons(msg.buttons).length > 0;
    if (live) { reveal(last.node); }
    return last.node;
  }
  var node = renderMessage(msg, live);
  if (node) {
    run.last = sender === 'user' ? null : { node: node, sender: sender, buttons: validButtons(msg.buttons).length > 0 };
  }
  return node;
}

/* Whole transcript (after a reload): buttons already answered are disabled; the log
 * shows the last answer from its start. */
export function renderTranscript(messages) {
  var wasBusy = dom.typing.parentNode === dom.log;
  clearLog();
  if (wasBusy) { dom.log.appendChild(dom.typing); }
  var run = { asked: '', last: null };
  var answerStart = null;
  lastAsked = '';
  (Array.isArray(messages) ? messages : []).forEach(function (msg) {
    var isUser = !!msg && normalizeSender(msg.sender) === 'user';
    if (isUser) { run.asked = lastAsked; }
    var before = run.last && run.last.node;
    var node = place(run, msg, false);
    if (!node || node === before) { return; }
    if (isUser) { closeAnsweredGroups(); }
    answerStart = isUser ? null : (answerStart || node);
  });
  askedBeforeUser = run.asked;
  beginAnswer();
  reveal(answerStart);
}

/* Replies to a POST: skip an echo of what the resident just sent. */
export function renderReplies(messages, sentText) {
  beginAnswer();
  var run = { asked: askedBeforeUser, last: null };
  (Array.isArray(messages) ? messages : []).forEach(function (msg) {
    if (msg && msg.sender === 'user' && (msg.text === sentText || !String(msg.text || '').trim())) { return; }
    place(run, msg, true);
  });
}

/* A push from the gateway (a consultant's message): an answer of its own. */
export function renderPushed(msg) {
  beginAnswer();
  return renderMessage(msg, true);
}
