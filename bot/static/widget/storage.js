/*
 * localStorage / sessionStorage that never throw (storage may be disabled: the widget
 * then still works for this page view), and the saved conversation { id, token }.
 */
import { SEEN_KEY, STORAGE_KEY } from './config.js';

export function storageGet(store, key) {
  try { return window[store].getItem(key); } catch (e) { return null; }
}

export function storageSet(store, key, value) {
  try {
    if (value === null) { window[store].removeItem(key); } else { window[store].setItem(key, value); }
  } catch (e) { /* storage disabled: the widget still works for this page view */ }
}

export function loadConv() {
  var raw = storageGet('localStorage', STORAGE_KEY);
  if (!raw) { return null; }
  try {
    var data = JSON.parse(raw);
    var id = data && (data.conversation_id != null ? data.conversation_id : data.id);
    if ((typeof id === 'string' || typeof id === 'number') && String(id) &&
        typeof data.token === 'string' && data.token) {
      return { id: String(id), token: data.token };
    }
  } catch (e) { /* corrupted value: ignore */ }
  storageSet('localStorage', STORAGE_KEY, null);
  return null;
}

export function saveConv(conv) {
  storageSet('localStorage', STORAGE_KEY,
    conv ? JSON.stringify({ conversation_id: conv.id, token: conv.token }) : null);
}

/*
 * What the resident last read with the chat open: a short fingerprint of the newest
 * message of the assistant's side, never its text (it may quote what they wrote). On
 * the next visit a different newest message (a report's status notice that came while
 * they were away) marks the closed launcher unread (conversation.js checkUnread).
 */
export function fingerprint(text) {
  var hash = 5381;
  for (var i = 0; i < text.length; i++) { hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0; }
  return String(hash);
}

export function loadSeen() {
  return storageGet('localStorage', SEEN_KEY);
}

export function saveSeen(text) {
  storageSet('localStorage', SEEN_KEY, text === null ? null : fingerprint(text));
}
