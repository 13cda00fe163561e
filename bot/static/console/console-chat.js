/*
 * KCK console — one chat: the transcript with times, live messages, the reply, ready
 * answers (with the resident's name and report number filled in), notes, transfer,
 * and ending after a confirmation in a <dialog>.
 */
(function () {
  'use strict';

  var K = window.KCKConsole;
  var labels = K.labels;
  var el = K.el;
  var say = K.say;

  /* "alarm": the gateway's safety net heard danger in the resident's words (bot/safety):
     shown as a system line that stands out and is read out by screen readers at once. */
  var SENDERS = {
    user: 'senderUser', bot: 'senderBot', consultant: 'senderConsultant', system: 'senderSystem',
    alarm: 'senderSystem'
  };

  function stamp(time) {
    return el('span', time || K.clock(), 'time');
  }

  function addMessage(message) {
    if (!message.text) { return; }
    var list = document.getElementById('transcript');
    var item = el('li', null, 'msg msg-' + message.sender);
    if (message.sender === 'alarm') { item.setAttribute('role', 'alert'); }
    item.appendChild(el('span', labels[SENDERS[message.sender]] || message.sender, 'who'));
    item.appendChild(stamp(message.time));
    item.appendChild(el('span', message.text, 'text'));
    list.appendChild(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  function addNote(note) {
    var item = el('li');
    item.appendChild(el('span', note.author + ': ', 'who'));
    item.appendChild(stamp(note.time));
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
      if (message.type === 'typing' || message.sender === 'user') {  /* console-typing.js */
        var typing = message.type === 'typing' ? message : { sender: 'user', typing: false };
        document.dispatchEvent(new CustomEvent('kck-typing', { detail: typing }));
      }
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
    return K.api('GET', '/conversations/' + conversationId).then(function (data) {
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

  function post(conversationId, action, body) {
    return K.api('POST', '/conversations/' + conversationId + '/' + action, body);
  }

  function startReply(conversationId) {
    var reply = document.getElementById('reply');
    onSubmit('reply-form', function () {
      var text = reply.value.trim();
      if (!text) { return; }
      post(conversationId, 'messages', { text: text }).then(function () {
        reply.value = '';
        reply.focus();
      }).catch(function (error) { say('chat-status', error.message); });
    });
    reply.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey) {
        event.preventDefault();
        document.getElementById('reply-send').click();
      }
    });

    var answers = document.getElementById('answers');
    K.api('GET', '/conversations/' + conversationId + '/answers').then(function (data) {
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
  }

  function startEnd(conversationId) {
    var dialog = document.getElementById('end-dialog');
    document.getElementById('end-chat').addEventListener('click', function () {
      dialog.showModal();
    });
    document.getElementById('end-cancel').addEventListener('click', function () {
      dialog.close();
    });
    document.getElementById('end-confirm').addEventListener('click', function () {
      var button = this;
      button.disabled = true;
      post(conversationId, 'end').then(function () {
        window.location.assign('/console');
      }).catch(function (error) {
        button.disabled = false;
        dialog.close();
        say('chat-status', error.message);
      });
    });
    dialog.addEventListener('close', function () {
      document.getElementById('end-chat').focus();
    });
  }

  function startChat(root) {
    var conversationId = root.dataset.conversation;
    loadChat(conversationId, 0);

    document.getElementById('take-chat').addEventListener('click', function () {
      post(conversationId, 'take').then(function () {
        window.location.reload();
      }).catch(function (error) { say('chat-status', error.message); });
    });
    startReply(conversationId);

    onSubmit('note-form', function () {
      var note = document.getElementById('note');
      var text = note.value.trim();
      if (!text) { return; }
      post(conversationId, 'notes', { text: text }).then(function () {
        addNote({ author: labels.me, text: text });
        note.value = '';
        say('chat-status', labels.noteSaved);
      }).catch(function (error) { say('chat-status', error.message); });
    });

    onSubmit('transfer-form', function () {
      var unit = document.getElementById('transfer-unit').value;
      post(conversationId, 'transfer', { unit: unit }).then(function () {
        window.location.assign('/console');
      }).catch(function (error) { say('chat-status', error.message); });
    });
    startEnd(conversationId);
  }

  var chatRoot = document.getElementById('chat');
  if (chatRoot) { startChat(chatRoot); }
}());
