/*
 * HTTP to the gateway's widget API (/api/v1/conversations, bot/web/widget_api.py) and the
 * Polish (or translated) text of a failed request. The WebSocket is in socket.js.
 */
import { API_PREFIX, REQUEST_TIMEOUT_MS, apiBase } from './config.js';
import { TEXTS } from './i18n.js';

export function messagesPath(id) {
  return API_PREFIX + '/' + encodeURIComponent(id) + '/messages';
}

export function photosPath(id) {
  return API_PREFIX + '/' + encodeURIComponent(id) + '/photos';
}

/* body: a JSON-able object, or a Blob / File sent as is with its own type. */
export function request(method, path, body, token) {
  var headers = { Accept: 'application/json' };
  var isBlob = typeof Blob === 'function' && body instanceof Blob;
  if (body !== undefined) {
    headers['Content-Type'] = isBlob ? (body.type || 'application/octet-stream') : 'application/json';
  }
  if (token) { headers.Authorization = 'Bearer ' + token; }
  var controller = typeof AbortController === 'function' ? new AbortController() : null;
  var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
  var options = {
    method: method,
    headers: headers,
    credentials: 'same-origin',
    cache: 'no-store'
  };
  if (body !== undefined) { options.body = isBlob ? body : JSON.stringify(body); }
  if (controller) { options.signal = controller.signal; }

  return fetch(apiBase + path, options).then(readAnswer, function () {
    var err = new Error('network');
    err.network = true;
    throw err;
  }).finally(function () {
    if (timer) { clearTimeout(timer); }
  });
}

/* The JSON of a 2xx answer; any other status is thrown with its status and JSON. */
function readAnswer(res) {
  return res.text().then(function (raw) {
    var data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
    if (res.ok) { return data || {}; }
    var err = new Error('HTTP ' + res.status);
    err.status = res.status;
    err.data = data;
    throw err;
  });
}

export function isAuthError(err) {
  return !!err && (err.status === 401 || err.status === 403);
}

export function errorText(err, networkText) {
  if (!err || err.network || !err.status) { return networkText || TEXTS.networkError; }
  if (err.data && typeof err.data.error === 'string' && err.data.error.trim()) {
    return err.data.error;
  }
  return TEXTS.genericError;
}

/* The messages of GET …/messages, each with its stored time ("at") from the answer's
 * "times", which lies beside them in the same order. */
export function timedMessages(data) {
  var messages = data && Array.isArray(data.messages) ? data.messages : [];
  var times = data && Array.isArray(data.times) ? data.times : [];
  return messages.map(function (msg, index) {
    if (!msg || typeof msg !== 'object' || typeof times[index] !== 'string') { return msg; }
    return Object.assign({}, msg, { at: times[index] });
  });
}
