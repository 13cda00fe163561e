/*
 * KCK console — "is writing" both ways (bot/typing_signals.py): while the consultant
 * types a reply the resident is told (a signal at most every 2.5 s, "stopped" after 4 s
 * without typing); while the resident types the chat shows it under the transcript
 * (until their message comes, they stop, or 6 s pass without a signal).
 */
(function () {
  'use strict';

  var SEND_EVERY_MS = 2500;
  var IDLE_MS = 4000;
  var SHOW_MS = 6000;
  var K = window.KCKConsole;
  var root = document.getElementById('chat');
  var reply = document.getElementById('reply');
  if (!root || !reply) { return; }
  var path = '/conversations/' + root.dataset.conversation + '/typing';

  var lastSent = 0;
  var idleTimer = null;
  function signal(typing) {
    K.api('POST', path, { typing: typing }).catch(function () { /* a hint, not a message */ });
  }
  function stopped() {
    idleTimer = null;
    lastSent = 0;
    signal(false);
  }
  reply.addEventListener('input', function () {
    if (!reply.value.trim()) { return; }
    var now = Date.now();
    if (now - lastSent > SEND_EVERY_MS) {
      lastSent = now;
      signal(true);
    }
    if (idleTimer) { clearTimeout(idleTimer); }
    idleTimer = setTimeout(stopped, IDLE_MS);
  });

  var shown = document.getElementById('chat-typing');
  var hideTimer = null;
  function show(typing) {
    if (hideTimer) { clearTimeout(hideTimer); hideTimer = null; }
    shown.textContent = typing ? K.labels.residentTyping : '';
    if (typing) { hideTimer = setTimeout(function () { show(false); }, SHOW_MS); }
  }
  document.addEventListener('kck-typing', function (event) {
    if (event.detail && event.detail.sender === 'user') { show(event.detail.typing !== false); }
  });
}());
