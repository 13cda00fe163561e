/*
 * localStorage / sessionStorage that never throw (storage may be disabled: the widget
 * then still works for this page view), and the saved conversation { id, token }.
 */
import { STORAGE_KEY } from './config.js';

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
