/* http(s) URLs in the assistant's text made into links, with DOM APIs only. */
import { el } from './dom.js';
import { TEXTS } from './i18n.js';

var URL_RE = /https?:\/\/[^\s<>"]+/gi;

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

function link(href, url) {
  var node = document.createElement('a');
  node.className = 'kck-link';
  node.href = href;
  node.target = '_blank';
  node.rel = 'noopener noreferrer';
  node.appendChild(document.createTextNode(url));
  node.appendChild(el('span', { class: 'kck-sr-only kck-link__new-tab', text: ' ' + TEXTS.newTab }));
  return node;
}

/* Text with http(s) URLs turned into links, built with DOM APIs only. */
export function appendLinkified(parent, text) {
  var last = 0;
  var match;
  URL_RE.lastIndex = 0;
  while ((match = URL_RE.exec(text)) !== null) {
    var url = trimUrl(match[0]);
    var href = safeHref(url);
    if (!href) { continue; }
    var start = match.index;
    if (start > last) { parent.appendChild(document.createTextNode(text.slice(last, start))); }
    parent.appendChild(link(href, url));
    last = start + url.length;
    URL_RE.lastIndex = last;
  }
  if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
}
