/*
 * KCK console — the queue page: the chats waiting (the longest waiting first, as the
 * server orders them), the consultant's own, and "take the next chat".
 */
(function () {
  'use strict';

  var QUEUE_POLL_MS = 3000;
  var K = window.KCKConsole;
  var labels = K.labels;
  var el = K.el;

  function openChat(conversationId) {
    window.location.assign('/console/chat/' + conversationId);
  }

  function refused(error) {
    K.say('queue-status', error.message);
    refreshQueue();
  }

  function queueRow(entry, mine) {
    var row = el('tr');
    row.dataset.conversation = entry.conversation_id;
    row.appendChild(el('td', entry.unit_name));
    row.appendChild(el('td', entry.reason_label));
    row.appendChild(el('td', entry.channel === 'telegram' ? 'Telegram' : labels.web));
    row.appendChild(el('td', K.waited(entry.waiting_seconds)));
    var cell = el('td');
    var button = el('button', mine ? labels.open : labels.take, 'primary');
    button.type = 'button';
    button.addEventListener('click', function () {
      if (mine) { openChat(entry.conversation_id); return; }
      button.disabled = true;
      K.api('POST', '/conversations/' + entry.conversation_id + '/take').then(function () {
        openChat(entry.conversation_id);
      }).catch(function (error) {
        button.disabled = false;
        refused(error);
      });
    });
    cell.appendChild(button);
    row.appendChild(cell);
    return row;
  }

  function fillTable(id, entries, mine) {
    var table = document.getElementById(id);
    var body = table.querySelector('tbody');
    body.textContent = '';
    entries.forEach(function (entry) { body.appendChild(queueRow(entry, mine)); });
    table.hidden = entries.length === 0;
    document.getElementById(id + '-empty').hidden = entries.length !== 0;
  }

  function showHeld(held, most) {
    var text = most ? labels.held.replace('{held}', held).replace('{max}', most) : '';
    K.say('queue-held', text);
  }

  function refreshQueue() {
    return K.api('GET', '/queue', null, true).then(function (data) {
      fillTable('queue-waiting', data.waiting, false);
      fillTable('queue-mine', data.mine, true);
      showHeld(data.mine.length, data.max_chats);
      document.getElementById('take-next').hidden = data.waiting.length === 0;
      document.title = (data.waiting.length ? '(' + data.waiting.length + ') ' : '') +
        document.title.replace(/^\(\d+\) /, '');
    }).catch(function (error) { K.say('queue-status', error.message); });
  }

  function takeNext() {
    var button = document.getElementById('take-next');
    button.disabled = true;
    K.api('POST', '/queue/next').then(function (data) {
      openChat(data.conversation_id);
    }).catch(function (error) {
      button.disabled = false;
      refused(error);
    });
  }

  if (document.getElementById('queue-waiting')) {
    document.getElementById('take-next').addEventListener('click', takeNext);
    refreshQueue();
    setInterval(refreshQueue, QUEUE_POLL_MS);
  }
}());
