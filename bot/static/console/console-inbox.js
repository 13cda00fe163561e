/*
 * KCK console — the list of the consultant's chats beside the open one: each links to
 * its chat, shows how long the resident has waited for an answer and marks chats with
 * resident messages this browser has not shown yet (it keeps, per chat, the id of the
 * latest resident message it showed, in localStorage: nothing of the message itself).
 */
(function () {
  'use strict';

  var POLL_MS = 3000;
  var K = window.KCKConsole;
  var labels = K.labels;
  var el = K.el;
  var root = document.getElementById('chat');
  var list = document.getElementById('my-chats-list');
  if (!root || !list) { return; }
  var current = root.dataset.conversation;

  function seenKey(id) { return 'kck-seen-' + id; }

  function seen(id) {
    try { return Number(window.localStorage.getItem(seenKey(id)) || 0); } catch (e) { return 0; }
  }

  function markSeen(id, messageId) {
    try { window.localStorage.setItem(seenKey(id), String(messageId)); } catch (e) { /* private mode */ }
  }

  function item(chat) {
    var li = el('li', null, 'inbox-item');
    li.dataset.conversation = chat.conversation_id;
    var link = el('a', null, 'inbox-link');
    link.href = '/console/chat/' + chat.conversation_id;
    link.appendChild(el('span', chat.unit_name + ' · ' + chat.reason_label, 'inbox-title'));
    if (chat.conversation_id === current) {
      link.setAttribute('aria-current', 'page');
      markSeen(chat.conversation_id, chat.last_user_message);
    } else if (chat.last_user_message > seen(chat.conversation_id)) {
      li.classList.add('unread');
      link.appendChild(el('span', labels.unread, 'inbox-unread'));
    }
    if (chat.answer_wait_seconds !== null) {
      link.appendChild(el('span', labels.answerWait + ': ' + K.waited(chat.answer_wait_seconds),
        'inbox-wait'));
    }
    li.appendChild(link);
    return li;
  }

  function refresh() {
    return K.api('GET', '/inbox', null, true).then(function (data) {
      list.textContent = '';
      data.chats.forEach(function (chat) { list.appendChild(item(chat)); });
      var unread = data.chats.filter(function (chat) {
        return chat.conversation_id !== current && chat.last_user_message > seen(chat.conversation_id);
      }).length;
      document.title = (unread ? '(' + unread + ') ' : '') + document.title.replace(/^\(\d+\) /, '');
    }).catch(function () { /* the chat's own status line reports connection trouble */ });
  }

  refresh();
  setInterval(refresh, POLL_MS);
}());
