/*
 * KCK console — what every page's scripts share: the JSON API, building elements,
 * status lines, times. The pages' own parts are console-queue.js, console-chat.js
 * and console-keys.js; they find this as window.KCKConsole (load this one first,
 * all with defer so they run in order).
 * Plain ES2019, no dependencies. Texts come from the page (data-* attributes
 * rendered from the babel catalog), never from these files. Message data is
 * only ever inserted with textContent.
 */
(function () {
  'use strict';

  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var CSRF = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var labels = (document.getElementById('console-labels') || document.body).dataset;
  var locale = document.documentElement.lang || 'pl';

  /* background: a poll the consultant did not ask for; it does not keep an idle
     session alive (KCK_CONSOLE_IDLE_MINUTES). */
  function api(method, path, body, background) {
    var options = {
      method: method,
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    };
    if (background) { options.headers['X-Console-Background'] = '1'; }
    if (method !== 'GET') {
      options.headers['X-CSRF-Token'] = CSRF;
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body || {});
    }
    return fetch('/console/api' + path, options).then(function (response) {
      if (response.status === 401) {
        window.location.assign('/console/login?next=' + encodeURIComponent(window.location.pathname));
        throw new Error('logged out');
      }
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || labels.error); }
        return data;
      });
    });
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function say(id, text) {
    var status = document.getElementById(id);
    if (status) { status.textContent = text; }
  }

  function waited(seconds) {
    return Math.max(0, Math.floor(seconds / 60)) + ' ' + labels.minutes;
  }

  /* The hour and minute in Kraków, in the console's language (for live messages; the
     server formats stored ones with babel the same way). */
  var clockFormat = new Intl.DateTimeFormat(locale, {
    hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Warsaw'
  });
  function clock(date) { return clockFormat.format(date || new Date()); }

  window.KCKConsole = {
    api: api, el: el, say: say, waited: waited, clock: clock, labels: labels
  };
}());
