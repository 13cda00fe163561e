/*
 * The resident's copy of the conversation: the transcript the gateway keeps (GET
 * …/messages, with each message's time) as a plain-text file built in the browser and
 * saved by the browser's own download. Nothing leaves the resident's device.
 */
import { messagesPath, request, timedMessages } from './api.js';
import { PHOTO_STORED } from './config.js';
import { TEXTS, senderLabel } from './i18n.js';
import { showSystem } from './render.js';
import { state } from './state.js';

function pad(n) {
  return (n < 10 ? '0' : '') + n;
}

/* "2026-11-30 09:41" in the resident's time zone. */
function stamp(date) {
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) +
    ' ' + pad(date.getHours()) + ':' + pad(date.getMinutes());
}

/* The file's text: a heading, then "[time] Who: text" a message, buttons listed under. */
export function transcriptText(messages, now) {
  var lines = [TEXTS.transcriptTitle, TEXTS.transcriptSaved + ' ' + stamp(now), ''];
  (Array.isArray(messages) ? messages : []).forEach(function (msg) {
    if (!msg || typeof msg.text !== 'string' || !msg.text.trim()) { return; }
    var at = typeof msg.at === 'string' ? new Date(msg.at) : null;
    var when = at && !isNaN(at.getTime()) ? '[' + stamp(at) + '] ' : '';
    var text = msg.sender === 'user' && msg.text === PHOTO_STORED ? TEXTS.photoSent : msg.text;
    lines.push(when + senderLabel(msg.sender === 'user' || msg.sender === 'consultant' ||
      msg.sender === 'system' ? msg.sender : 'bot') + ': ' + text);
    (Array.isArray(msg.buttons) ? msg.buttons : []).forEach(function (b) {
      if (b && typeof b.title === 'string') { lines.push('    – ' + b.title); }
    });
  });
  return lines.join('\r\n') + '\r\n';
}

function save(text, now) {
  var blob = new Blob(['\ufeff' + text], { type: 'text/plain;charset=utf-8' });
  var url = URL.createObjectURL(blob);
  var link = document.createElement('a');
  link.href = url;
  link.download = 'rozmowa-kck-' + stamp(now).replace(/[ :]/g, '-') + '.txt';
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}

/* The download button: the whole conversation, as the gateway has it now. */
export function downloadTranscript() {
  var conv = state.conv;
  if (!conv) {
    showSystem(TEXTS.transcriptEmpty);
    return Promise.resolve();
  }
  return request('GET', messagesPath(conv.id), undefined, conv.token).then(function (data) {
    var now = new Date();
    save(transcriptText(timedMessages(data), now), now);
  }, function () {
    showSystem(TEXTS.transcriptError);
  });
}
