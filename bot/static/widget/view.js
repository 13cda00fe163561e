/*
 * The widget on the page: `dom` (its nodes, null until built), building and wiring
 * them, putting the current language's texts on them, and the small view changes
 * every other module makes (busy, unread, scrolled down, input height).
 */
import { el } from './dom.js';
import { TEXTS, senderLabel } from './i18n.js';
import { buildForm, buildHeader, buildLauncher, buildLog } from './layout.js';
import { state } from './state.js';

/* The widget's nodes by name; a live binding, null until build() succeeds. */
export var dom = null;

/*
 * Builds the widget once the page has a body. `on` are the actions its controls start:
 * { toggle, close, keydown, submit, fileChosen, chooseLanguage }.
 */
export function build(on) {
  if (dom) { return dom; }
  if (!document.body) { return null; }
  var parts = Object.assign({}, buildLauncher(), buildHeader(on.chooseLanguage), buildLog(), buildForm());
  parts.panel = el('div', {
    id: 'kck-panel',
    class: 'kck-panel',
    role: 'dialog',
    hidden: true
  }, [parts.header, parts.log, parts.form]);
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
  d.input.addEventListener('input', autosize);
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
  d.langGroup.setAttribute('aria-label', TEXTS.languages);
  d.langButtons.forEach(function (btn) {
    btn.setAttribute('aria-pressed', btn.getAttribute('data-lang') === state.lang ? 'true' : 'false');
  });
  d.title.textContent = TEXTS.title;
  d.subtitle.textContent = TEXTS.subtitle;
  d.log.setAttribute('aria-label', TEXTS.logLabel);
  d.typingText.textContent = TEXTS.typing;
  d.input.setAttribute('placeholder', TEXTS.inputPlaceholder);
  d.sendBtn.textContent = TEXTS.send;
  d.fileInput.setAttribute('aria-label', TEXTS.fileLabel);
  d.attachBtn.setAttribute('aria-label', TEXTS.attach);
  d.attachBtn.setAttribute('title', TEXTS.attach);
  d.inputLabel.textContent = TEXTS.inputLabel;
  d.inputHint.textContent = TEXTS.inputHint;
  d.panel.setAttribute('aria-label', TEXTS.dialogLabel);
  applyTextsToLog(d.log);
}

function applyTextsToLog(log) {
  Array.prototype.forEach.call(log.querySelectorAll('.kck-msg__label[data-sender]'), function (label) {
    var sender = label.getAttribute('data-sender');
    label.textContent = senderLabel(sender) + (sender === 'user' || sender === 'system' ? ': ' : '');
  });
  Array.prototype.forEach.call(log.querySelectorAll('.kck-quick-replies'), function (group) {
    group.setAttribute('aria-label', TEXTS.quickReplies);
  });
  Array.prototype.forEach.call(log.querySelectorAll('.kck-link__new-tab'), function (note) {
    note.textContent = ' ' + TEXTS.newTab;
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
  if (on) {
    dom.log.appendChild(dom.typing);
    scrollToBottom();
  } else if (dom.typing.parentNode) {
    dom.typing.parentNode.removeChild(dom.typing);
  }
}
