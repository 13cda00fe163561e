/*
 * KCK console — keyboard shortcuts of the chat page (listed on the page itself, under
 * "Keyboard shortcuts"): Ctrl+Enter sends the reply, Alt+Shift+N opens the next of
 * the consultant's chats, Alt+Shift+A moves to the ready answers. Plain Enter in the
 * reply sends as well (Shift+Enter: a new line).
 */
(function () {
  'use strict';

  var K = window.KCKConsole;
  var root = document.getElementById('chat');
  if (!root) { return; }
  var current = root.dataset.conversation;

  function nextChat() {
    K.api('GET', '/queue').then(function (data) {
      var mine = data.mine.map(function (entry) { return entry.conversation_id; });
      var others = mine.filter(function (id) { return id !== current; });
      if (!others.length) { K.say('chat-status', K.labels.noOtherChat); return; }
      var after = mine.indexOf(current) + 1;
      var next = mine[after] && mine[after] !== current ? mine[after] : others[0];
      window.location.assign('/console/chat/' + next);
    }).catch(function (error) { K.say('chat-status', error.message); });
  }

  document.addEventListener('keydown', function (event) {
    if (document.querySelector('dialog[open]')) { return; }
    var key = (event.key || '').toLowerCase();
    if (event.ctrlKey && key === 'enter' && event.target.id === 'reply') {
      event.preventDefault();
      document.getElementById('reply-send').click();
    } else if (event.altKey && event.shiftKey && key === 'n') {
      event.preventDefault();
      nextChat();
    } else if (event.altKey && event.shiftKey && key === 'a') {
      var answers = document.getElementById('answers');
      if (answers && !answers.closest('[hidden]')) {
        event.preventDefault();
        answers.focus();
      }
    }
  });
}());
