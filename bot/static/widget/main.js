/*
 * KCK Assistant — web chat widget of Krakowskie Centrum Kontaktu: the entry module.
 * Plain ES2019 modules, no dependencies, no build step; the gateway serves this folder
 * as it is (/widget/…).
 *
 * Embed (either):
 *   <script src="/widget/widget.js" data-api-base="" defer></script>   (classic loader)
 *   <script type="module" src="/widget/main.js" data-api-base=""></script>
 * with <link rel="stylesheet" href="/widget/widget.css">.
 *
 * Public API (the only global): window.KCKWidget = { open(), close() }. The classic
 * loader defines it at once and hands the calls on once this module announces itself
 * (the cancelable "kck-widget:ready" event); loaded without the loader, this module
 * defines it. Message data is only ever inserted with textContent / createTextNode.
 */
import { OPEN_KEY, LANG_KEY } from './config.js';
import { checkUnread, pressQuickReply, submitInput } from './conversation.js';
import { downloadTranscript } from './download.js';
import { pickLanguage, setLanguage } from './i18n.js';
import { close, onKeydown, open, toggle } from './panel.js';
import { onFileChosen } from './photo.js';
import { onQuickReply } from './render.js';
import { connectWs, reconnectNow } from './socket.js';
import { state } from './state.js';
import { loadConv, storageGet, storageSet } from './storage.js';
import { applyTexts, build, dom } from './view.js';

var initialized = false;
var ready = false;
var openWhenReady = false;

function chooseLanguage(code) {
  storageSet('localStorage', LANG_KEY, code);
  switchLanguage(code);
}

function switchLanguage(code) {
  return setLanguage(code).then(function () {
    if (dom) { applyTexts(); }
  });
}

/* The catalog first, so the widget never shows one language and then another. */
function init() {
  if (initialized || !document.body) { return; }
  initialized = true;
  switchLanguage(pickLanguage()).then(start);
}

function start() {
  var built = build({
    toggle: toggle,
    close: close,
    download: downloadTranscript,
    keydown: onKeydown,
    submit: submitInput,
    fileChosen: onFileChosen,
    chooseLanguage: chooseLanguage
  });
  if (!built) { return; }
  ready = true;
  state.conv = loadConv();
  var opening = openWhenReady || storageGet('sessionStorage', OPEN_KEY) === '1';
  if (state.conv) { connectWs(); }
  if (opening) { open(); } else if (state.conv) { checkUnread(); }
}

var api = {
  open: function () {
    init();
    if (ready) { open(); } else { openWhenReady = true; }
  },
  close: function () { close(); }
};

/* True when this copy is the widget of the page (not embedded twice). */
function publish() {
  var announce = new CustomEvent('kck-widget:ready', { detail: api, cancelable: true });
  if (!document.dispatchEvent(announce)) { return true; } /* the loader took it */
  if (window.KCKWidget) { return false; } /* embedded twice */
  window.KCKWidget = Object.freeze ? Object.freeze(api) : api;
  return true;
}

onQuickReply(pressQuickReply);
if (publish()) {
  window.addEventListener('online', reconnectNow);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}
