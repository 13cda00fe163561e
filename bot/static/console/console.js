/*
 * KCK console — the live queue and the chat view.
 * Plain ES2019, no dependencies. Texts come from the page (data-* attributes
 * rendered from the babel catalog), never from this file. Message data is
 * only ever inserted with textContent.
 */
(function () {
  'use strict';

  var QUEUE_POLL_MS = 3000;
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var CSRF = csrfMeta ? csrfMeta.getAttribute('content') : '';
  var labels = (document.getElementById('console-labels') || document.body).dataset;

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

  /* ---------- queue page ---------- */

  function queueRow(entry, mine) {
    var row = el('tr');
    row.dataset.conversation = entry.conversation_id;
    row.appendChild(el('td', entry.unit_name));
    row.appendChild(el('td', entry.reason_label));
    row.appendChild(el('td', entry.channel === 'telegram' ? 'Telegram' : labels.web));
    row.appendChild(el('td', waited(entry.waiting_seconds)));
    var cell = el('td');
    var button = el('button', mine ? labels.open : labels.take, 'primary');
    button.type = 'button';
    button.addEventListener('click', function () {
      if (mine) {
        window.location.assign('/console/chat/' + entry.conversation_id);
        return;
      }
      button.disabled = true;
      api('POST', '/conversations/' + entry.conversation_id + '/take').then(function () {
        window.location.assign('/console/chat/' + entry.conversation_id);
      }).catch(function (error) {
        say('queue-status', error.message);
        button.disabled = false;
        refreshQueue();
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

  function refreshQueue() {
    return api('GET', '/queue', null, true).then(function (data) {
      fillTable('queue-waiting', data.waiting, false);
      fillTable('queue-mine', data.mine, true);
      document.title = (data.waiting.length ? '(' + data.waiting.length + ') ' : '') +
        document.title.replace(/^\(\d+\) /, '');
    }).catch(function (error) { say('queue-status', error.message); });
  }

  function startQueue() {
    refreshQueue();
    setInterval(refreshQueue, QUEUE_POLL_MS);
  }

  /* ---------- chat page ---------- */

  /* "alarm": the gateway's safety net heard danger in the resident's words (bot/safety):
     shown as a system line that stands out and is read out by screen readers at once. */
  var SENDERS = {
    user: 'senderUser', bot: 'senderBot', consultant: 'senderConsultant', system: 'senderSystem',
    alarm: 'senderSystem'
  };

  function addMessage(message) {
    if (!message.text) { return; }
    var list = document.getElementById('transcript');
    var item = el('li', null, 'msg msg-' + message.sender);
    if (message.sender === 'alarm') { item.setAttribute('role', 'alert'); }
    item.appendChild(el('span', labels[SENDERS[message.sender]] || message.sender, 'who'));
    item.appendChild(el('span', message.text, 'text'));
    list.appendChild(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  function addNote(note) {
    var item = el('li');
    item.appendChild(el('span', note.author + ': ', 'who'));
    item.appendChild(el('span', note.text));
    document.getElementById('notes').appendChild(item);
  }

  function connectLive(conversationId, attempt) {
    var scheme = window.location.protocol === 'https:' ? 'wss://' : 'ws://';
    var sock = new WebSocket(scheme + window.location.host + '/console/api/conversations/' +
      conversationId + '/ws');
    var keepAlive = null;
    sock.onopen = function () {
      say('chat-live', labels.live);
      keepAlive = setInterval(function () { sock.send('ping'); }, 30000);
    };
    sock.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === 'ready') { return; }
      addMessage(message);
    };
    sock.onclose = function () {
      clearInterval(keepAlive);
      say('chat-live', labels.reconnecting);
      var delay = Math.min(30000, 1000 * Math.pow(2, attempt || 0));
      setTimeout(function () { loadChat(conversationId, (attempt || 0) + 1); }, delay);
    };
  }

  function loadChat(conversationId, attempt) {
    return api('GET', '/conversations/' + conversationId).then(function (data) {
      document.getElementById('transcript').textContent = '';
      document.getElementById('notes').textContent = '';
      data.messages.forEach(addMessage);
      data.notes.forEach(addNote);
      var mine = data.handoff.mine;
      document.getElementById('take-chat').hidden = mine;
      document.getElementById('chat-tools').hidden = !mine;
      connectLive(conversationId, attempt);
    }).catch(function (error) {
      say('chat-status', error.message);
      document.getElementById('chat-tools').hidden = true;
    });
  }

  function onSubmit(id, handler) {
    document.getElementById(id).addEventListener('submit', function (event) {
      event.preventDefault();
      handler();
    });
  }

  function startChat(root) {
    var conversationId = root.dataset.conversation;
    var reply = document.getElementById('reply');
    loadChat(conversationId, 0);

    document.getElementById('take-chat').addEventListener('click', function () {
      api('POST', '/conversations/' + conversationId + '/take').then(function () {
        window.location.reload();
      }).catch(function (error) { say('chat-status', error.message); });
    });

    onSubmit('reply-form', function () {
      var text = reply.value.trim();
      if (!text) { return; }
      api('POST', '/conversations/' + conversationId + '/messages', { text: text }).then(function () {
        reply.value = '';
        reply.focus();
      }).catch(function (error) { say('chat-status', error.message); });
    });
    reply.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        document.getElementById('reply-send').click();
      }
    });

    var answers = document.getElementById('answers');
    api('GET', '/answers').then(function (data) {
      data.answers.forEach(function (answer) {
        var option = el('option', answer.title);
        option.value = answer.text;
        answers.appendChild(option);
      });
    });
    document.getElementById('answer-insert').addEventListener('click', function () {
      if (!answers.value) { return; }
      reply.value = reply.value ? reply.value + '\n' + answers.value : answers.value;
      reply.focus();
    });

    onSubmit('note-form', function () {
      var note = document.getElementById('note');
      var text = note.value.trim();
      if (!text) { return; }
      api('POST', '/conversations/' + conversationId + '/notes', { text: text }).then(function () {
        addNote({ author: labels.me, text: text });
        note.value = '';
        say('chat-status', labels.noteSaved);
      }).catch(function (error) { say('chat-status', error.message); });
    });

    onSubmit('transfer-form', function () {
      var unit = document.getElementById('transfer-unit').value;
      api('POST', '/conversations/' + conversationId + '/transfer', { unit: unit }).then(function () {
        window.location.assign('/console');
      }).catch(function (error) { say('chat-status', error.message); });
    });

    document.getElementById('end-chat').addEventListener('click', function () {
      api('POST', '/conversations/' + conversationId + '/end').then(function () {
        window.location.assign('/console');
      }).catch(function (error) { say('chat-status', error.message); });
    });
  }

  var chatRoot = document.getElementById('chat');
  if (chatRoot) {
    startChat(chatRoot);
  } else if (document.getElementById('queue-waiting')) {
    startQueue();
  }
}());
