/*
 * Opening and closing the chat panel: the launcher's state, the focus (kept inside
 * the panel on phones, where it covers the page), Escape, and the open state kept
 * for this tab across reloads.
 */
import { FULLSCREEN_QUERY, OPEN_KEY } from './config.js';
import { loadConversation } from './conversation.js';
import { state } from './state.js';
import { storageSet } from './storage.js';
import { dom, setUnread, showAnchor } from './view.js';

/* Only called once the widget is built (main.js starts it after build()). */
export function open() {
  if (!dom) { return; }
  if (!state.isOpen) {
    state.isOpen = true;
    dom.panel.hidden = false;
    dom.launcher.setAttribute('aria-expanded', 'true');
    document.documentElement.classList.add('kck-open');
    storageSet('sessionStorage', OPEN_KEY, '1');
    setUnread(false);
    showAnchor();
  }
  try { dom.input.focus({ preventScroll: true }); } catch (e) { dom.input.focus(); }
  if (!state.loaded && !state.busy) { loadConversation(); }
}

export function close() {
  if (!dom || !state.isOpen) { return; }
  var focusWasInside = dom.panel.contains(document.activeElement);
  state.isOpen = false;
  dom.panel.hidden = true;
  dom.launcher.setAttribute('aria-expanded', 'false');
  document.documentElement.classList.remove('kck-open');
  storageSet('sessionStorage', OPEN_KEY, null);
  if (focusWasInside || document.activeElement === document.body || !document.activeElement) {
    dom.launcher.focus();
  }
}

export function toggle() {
  if (state.isOpen) { close(); } else { open(); }
}

export function onKeydown(event) {
  if (!state.isOpen) { return; }
  if (event.key === 'Escape' || event.key === 'Esc') {
    if (dom.panel.contains(event.target) || event.target === dom.launcher) {
      event.preventDefault();
      close();
    }
    return;
  }
  if (event.key === 'Tab' && isFullscreen() && dom.panel.contains(event.target)) {
    trapFocus(event);
  }
}

function isFullscreen() {
  return !!(window.matchMedia && window.matchMedia(FULLSCREEN_QUERY).matches);
}

/* On phones the panel covers the whole page: keep Tab inside it. */
function trapFocus(event) {
  var items = Array.prototype.filter.call(
    dom.panel.querySelectorAll('button:not([disabled]), textarea, a[href], [tabindex="0"]'),
    function (node) { return node.offsetParent !== null || node === document.activeElement; }
  );
  if (!items.length) { return; }
  var first = items[0];
  var last = items[items.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
