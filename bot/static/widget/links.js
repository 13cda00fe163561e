/*
 * An answer's text with its links, built with DOM APIs only: a link the answer names
 * ("[Rezerwacja wizyty](https://…)") shows its title; a bare http(s) URL shows itself,
 * wrapping only between its parts (after / ? & =), never inside a word; phone numbers
 * (phones.js) become `tel:` links.
 */
import { el } from './dom.js';
import { TEXTS } from './i18n.js';
import { findPhones, telHref } from './phones.js';

var LINK_RE = /\[([^\][\n]{1,200})\]\((https?:\/\/[^\s()<>"]+)\)|https?:\/\/[^\s<>"]+/gi;

function countChar(str, ch) {
  return str.split(ch).length - 1;
}

/* Drop trailing punctuation that belongs to the sentence, not the URL. */
function trimUrl(url) {
  for (;;) {
    var last = url.charAt(url.length - 1);
    if (/[.,;:!?'"»”’…]/.test(last)) {
      url = url.slice(0, -1);
    } else if (last === ')' && countChar(url, '(') < countChar(url, ')')) {
      url = url.slice(0, -1);
    } else if (last === ']' && countChar(url, '[') < countChar(url, ']')) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

function safeHref(url) {
  try {
    var parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') { return parsed.href; }
  } catch (e) { /* not a URL */ }
  return null;
}

/* Longer parts of a URL than this may also wrap after "-" and before "." inside them. */
var LONG_PART = 24;

/* A bare URL's parts: it may wrap after "/", "?", "&", "=", "#" (long parts also after
 * "-" and before "."), and nowhere else, so no word of it is ever cut. */
export function urlParts(url) {
  var parts = [];
  splitAt(url, function (ch, next) { return '/?&=#'.indexOf(ch) !== -1 && next !== '/'; })
    .forEach(function (part) {
      if (part.length <= LONG_PART) {
        parts.push(part);
      } else {
        splitAt(part, function (ch, next) { return ch === '-' || next === '.'; })
          .forEach(function (piece) { parts.push(piece); });
      }
    });
  return parts;
}

/* `text` cut after each character for which cutAfter(char, nextChar) holds (no cut at
 * the end); a loop rather than a lookbehind, which older Safari cannot parse. */
function splitAt(text, cutAfter) {
  var parts = [];
  var from = 0;
  for (var i = 0; i < text.length - 1; i += 1) {
    if (cutAfter(text.charAt(i), text.charAt(i + 1))) {
      parts.push(text.slice(from, i + 1));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/* Each part unbreakable (CSS nowrap), a <wbr> between parts. */
function appendBreakable(parent, url) {
  urlParts(url).forEach(function (part, index) {
    if (index > 0) { parent.appendChild(document.createElement('wbr')); }
    parent.appendChild(el('span', { class: 'kck-link__part', text: part }));
  });
}

function link(href, title, url) {
  var node = document.createElement('a');
  node.className = 'kck-link';
  node.href = href;
  node.target = '_blank';
  node.rel = 'noopener noreferrer';
  if (title) { node.appendChild(document.createTextNode(title)); } else { appendBreakable(node, url); }
  node.appendChild(el('span', { class: 'kck-sr-only kck-link__new-tab', text: ' ' + TEXTS.newTab }));
  return node;
}

/* Plain text with its phone numbers as `tel:` links. */
function appendWithPhones(parent, text) {
  var last = 0;
  findPhones(text).forEach(function (phone) {
    if (phone.start > last) { parent.appendChild(document.createTextNode(text.slice(last, phone.start))); }
    parent.appendChild(el('a', { class: 'kck-link kck-link--tel', href: telHref(phone.text), text: phone.text }));
    last = phone.end;
  });
  if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
}

/* Text with its links (titled, bare and phone numbers), built with DOM APIs only. */
export function appendLinkified(parent, text) {
  var last = 0;
  var match;
  LINK_RE.lastIndex = 0;
  while ((match = LINK_RE.exec(text)) !== null) {
    var titled = match[1] !== undefined;
    var url = titled ? match[2] : trimUrl(match[0]);
    var href = safeHref(url);
    if (!href || !url) { continue; }
    var start = match.index;
    if (start > last) { appendWithPhones(parent, text.slice(last, start)); }
    parent.appendChild(link(href, titled ? match[1].trim() : '', url));
    last = start + (titled ? match[0].length : url.length);
    LINK_RE.lastIndex = last;
  }
  if (last < text.length) { appendWithPhones(parent, text.slice(last)); }
}
