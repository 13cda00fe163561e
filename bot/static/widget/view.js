/*
 * The widget on the page: `dom` (its nodes, null until built), building and wiring
 * them, putting the current language's texts on them, and the small view changes
 * every other module makes (busy, unread, scrolled, input height).
 */
import { apiBase } from './config.js';
import { el } from './dom.js';
import { TEXTS } from './i18n.js';
import { buildFooter, buildForm, buildHeader, buildLauncher, buildLog } from './layout.js';
import { senderText, timeText } from './message.js';
import { state } from './state.js';
import { noteTyping } from './typing.js';

/* The widget's nodes by name; a live binding, null until build() succeeds. */
export var dom = null;

/*
 * Builds the widget once the page has a body. `on` are the actions its controls start:
 * { toggle, close, download, keydown, submit, fileChosen, chooseLanguage }.
 */
export function build(on) {
  if (dom) { return dom; }
  if (!document.body) { return null; }
  var parts = Object.assign(
    {}, buildLauncher(), buildHeader(on.chooseLanguage), buildLog(), buildForm(), buildFooter()
  );
  parts.panel = el('div', {
    id: 'kck-panel',
    class: 'kck-panel',
    role: 'dialog',
    hidden: true
  }, [parts.header, parts.log, parts.form, parts.footer]);
  parts.root = el('aside', { class: 'kck-widget' }, [parts.launcher, parts.panel]);
  wire(parts, on);
  document.body.appendChild(parts.root);
  dom = parts;
  applyTexts();
  return dom;
}

function wire(d, on) {
  d.launcher.addEventListener('click', function () { on.toggle(); });
  d.closeBtn.addEventListener('click', function () { on.close(); });
  d.downloadBtn.addEventListener('click', function () { on.download(); });
  d.root.addEventListener('keydown', on.keydown);
  d.form.addEventListener('submit', function (event) {
    event.preventDefault();
    on.submit();
  });
  d.input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      on.submit();
    }
  });
  d.input.addEventListener('input', function () {
    autosize();
    noteTyping();
  });
  d.attachBtn.addEventListener('click', function () {
    if (state.busy) { return; }
    d.fileInput.click();
  });
  d.fileInput.addEventListener('change', on.fileChosen);
}

/* Puts the current language's texts on the widget, also on messages already shown. */
export function applyTexts() {
  var d = dom;
  d.root.setAttribute('lang', state.lang);
  d.root.setAttribute('aria-label', TEXTS.regionLabel);
  d.unreadText.textContent = ' (' + TEXTS.unread + ')';
  d.launcherText.textContent = TEXTS.launcher;
  d.closeBtn.setAttribute('aria-label', TEXTS.close);
  d.downloadBtn.setAttribute('aria-label', TEXTS.download);
  d.downloadBtn.setAttribute('title', TEXTS.download);
  d.langGroup.setAttribute('aria-label', TEXTS.languages);
  d.langButtons.forEach(function (btn) {
    btn.setAttribute('aria-pressed', btn.getAttribute('data-lang') === state.lang ? 'true' : 'false');
  });
  d.title.textContent = TEXTS.title;
  d.subtitle.textContent = TEXTS.subtitle;
  d.log.setAttribute('aria-label', TEXTS.logLabel);
  d.typingText.textContent = !state.busy && consultantTyping ? TEXTS.consultantTyping : TEXTS.typing;
  d.input.setAttribute('placeholder', TEXTS.inputPlaceholder);
  d.sendBtn.textContent = TEXTS.send;
  d.fileInput.setAttribute('aria-label', TEXTS.fileLabel);
  d.attachBtn.setAttribute('aria-label', TEXTS.attach);
  d.attachBtn.setAttribute('title', TEXTS.attach);
  d.inputLabel.textContent = TEXTS.inputLabel;
  d.inputHint.textContent = TEXTS.inputHint;
  d.panel.setAttribute('aria-label', TEXTS.dialogLabel);
  d.statementLink.textContent = TEXTS.statement;
  d.statementLink.setAttribute('href', apiBase + '/deklaracja-dostepnosci?lang=' + state.lang);
  applyTextsToLog(d.log);
}

function applyTextsToLog(log) {
  Array.prototype.forEach.call(log.querySelectorAll('.kck-msg__label[data-sender]'), function (label) {
    label.textContent = senderText(label.getAttribute('data-sender'));
  });
  Array.prototype.forEach.call(log.querySelectorAll('.kck-quick-replies'), function (group) {
    group.setAttribute('aria-label', TEXTS.quickReplies);
  });
  Array.prototype.forEach.call(log.querySelectorAll('.kck-link__new-tab'), function (note) {
    note.textContent = ' ' + TEXTS.newTab;
  });
  Array.prototype.forEach.call(log.querySelectorAll('.kck-msg__warning-text'), function (warning) {
    warning.textContent = TEXTS.emergency;
  });
  Array.prototype.forEach.call(log.querySelectorAll('time.kck-msg__time'), function (time) {
    time.textContent = timeText(new Date(time.getAttribute('datetime')));
  });
}

export function autosize() {
  var input = dom.input;
  input.style.height = 'auto';
  input.style.height = input.scrollHeight + 2 + 'px';
}

export function scrollToBottom() {
  dom.log.scrollTop = dom.log.scrollHeight;
}

/* The first message of the answer being shown (null: none, or the resident wrote last).
 * The log scrolls down to the newest message but never past this one's top, so a long
 * answer, and the greeting, open at their first line rather than at their end. */
var anchor = null;
var ANCHOR_MARGIN_PX = 8;

/* A new answer begins (the replies to a message, a push, a notice). */
export function beginAnswer() {
  anchor = null;
}

/* Shows `node`, a message just added: the answer's first message stays in view. */
export function reveal(node) {
  if (node && (!anchor || !anchor.isConnected)) { anchor = node; }
  showAnchor();
}

/* Scrolls to the bottom, but not past the top of the answer's first message. */
export function showAnchor() {
  var log = dom.log;
  var bottom = log.scrollHeight - log.clientHeight;
  if (!anchor || !anchor.isConnected) {
    log.scrollTop = bottom;
    return;
  }
  var offset = anchor.getBoundingClientRect().top - log.getBoundingClientRect().top;
  log.scrollTop = Math.max(0, Math.min(bottom, log.scrollTop + offset - ANCHOR_MARGIN_PX));
}

export function setUnread(on) {
  dom.badge.hidden = !on;
  dom.launcher.classList.toggle('kck-launcher--unread', on);
}

export function setBusy(on) {
  state.busy = on;
  dom.log.setAttribute('aria-busy', on ? 'true' : 'false');
  dom.sendBtn.setAttribute('aria-disabled', on ? 'true' : 'false');
  /* aria-disabled rather than disabled: a focused button keeps the focus. */
  dom.attachBtn.setAttribute('aria-disabled', on ? 'true' : 'false');
  showTyping();
}

/* A consultant is writing (the console's "typing" pushes, socket.js): shown until they
 * stop, send, or nothing more is heard for TYPING_HOLD_MS. */
var consultantTyping = false;
var typingTimer = null;
var TYPING_HOLD_MS = 6000;

export function setConsultantTyping(on) {
  if (typingTimer) { clearTimeout(typingTimer); typingTimer = null; }
  consultantTyping = !!on;
  if (consultantTyping) {
    typingTimer = setTimeout(function () { setConsultantTyping(false); }, TYPING_HOLD_MS);
  }
  showTyping();
}

/* The typing indicator at the end of the log: the assistant's while a message is being
 * answered, else a consultant's while they write. */
function showTyping() {
  var on = state.busy || consultantTyping;
  dom.typingText.textContent = !state.busy && consultantTyping ? TEXTS.consultantTyping : TEXTS.typing;
  if (on && dom.typing.parentNode !== dom.log) {
    dom.log.appendChild(dom.typing);
    showAnchor();
  } else if (!on && dom.typing.parentNode) {
    dom.typing.parentNode.removeChild(dom.typing);
  }
}
