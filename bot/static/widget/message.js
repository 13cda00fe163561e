/*
 * The parts of one message in the log: who wrote it, its text (with links and phone
 * numbers), the emergency answer's warning, a sent photo's thumbnail and the time.
 * Message data is only ever inserted with textContent / createTextNode.
 */
import { PHOTO_STORED } from './config.js';
import { ICON_WARNING, el, svgIcon } from './dom.js';
import { TEXTS, senderLabel } from './i18n.js';
import { appendLinkified } from './links.js';
import { state } from './state.js';

/* The language of a message from the gateway: its "lang" when it says (the note for
 * residents who write in Ukrainian or English), Ukrainian for Cyrillic text (that note
 * after a reload), else Polish, the language of the assistant's answers. */
function messageLang(msg, text) {
  if (typeof msg.lang === 'string' && /^[a-z]{2}$/.test(msg.lang)) { return msg.lang; }
  var cyrillic = (text.match(/[\u0400-\u04ff]/g) || []).length;
  var letters = (text.match(/[A-Za-z\u00c0-\u024f\u0400-\u04ff]/g) || []).length;
  return letters && cyrillic * 2 > letters ? 'uk' : 'pl';
}

export function normalizeSender(sender) {
  return sender === 'user' || sender === 'consultant' || sender === 'system' ? sender : 'bot';
}

/* The sender's name: visible for the assistant and a consultant, for screen readers only
 * on the resident's own messages and notices. */
export function senderText(sender) {
  return senderLabel(sender) + (sender === 'user' || sender === 'system' ? ': ' : '');
}

export function labelNode(sender) {
  return el('span', {
    class: 'kck-msg__label' + (sender === 'user' || sender === 'system' ? ' kck-sr-only' : ''),
    'data-sender': sender,
    text: senderText(sender)
  });
}

/* The text of a message; `live`: an emergency answer that has just come is announced at
 * once (role="alert"), not after what a screen reader is reading. */
export function messageBody(msg, sender, text, live) {
  var body = el('div', { class: 'kck-msg__text', lang: sender === 'user' ? null : messageLang(msg, text) });
  if (thumbnail(msg)) { body.className = 'kck-sr-only'; }
  if (sender === 'user') {
    body.textContent = text === PHOTO_STORED ? TEXTS.photoSent : text;
  } else {
    if (msg.emergency === true && live) { body.setAttribute('role', 'alert'); }
    appendLinkified(body, text);
  }
  return body;
}

/* The warning above the emergency answer (gateway's "emergency": true, bot/safety/). */
export function emergencyHeading() {
  return el('span', { class: 'kck-msg__warning' }, [
    svgIcon(ICON_WARNING),
    el('span', { class: 'kck-msg__warning-text', text: TEXTS.emergency })
  ]);
}

/* The photo the resident has just sent, small (a data: URL the widget made itself). */
export function thumbnail(msg) {
  if (typeof msg.thumbnail !== 'string' || msg.thumbnail.indexOf('data:image/') !== 0) { return null; }
  /* alt="": the message's own text ("📷 zdjęcie", kept for screen readers) names it. */
  return el('img', {
    class: 'kck-msg__photo',
    src: msg.thumbnail,
    alt: '',
    width: msg.thumbnailWidth || null,
    height: msg.thumbnailHeight || null
  });
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/* "9:41", or "28.11, 9:41" for an earlier day, in the widget's language. */
export function timeText(date) {
  var options = { hour: '2-digit', minute: '2-digit' };
  if (!sameDay(date, new Date())) {
    options.day = 'numeric';
    options.month = 'numeric';
  }
  try {
    return new Intl.DateTimeFormat(state.lang, options).format(date);
  } catch (e) {
    return date.toTimeString().slice(0, 5);
  }
}

/* When the message was written: the gateway's "at" (ISO 8601), else now for a live one. */
export function timeNode(msg, live) {
  var date = typeof msg.at === 'string' ? new Date(msg.at) : (live ? new Date() : null);
  if (!date || isNaN(date.getTime())) { return null; }
  return el('time', { class: 'kck-msg__time', datetime: date.toISOString(), text: timeText(date) });
}
