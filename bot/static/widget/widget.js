/*
 * KCK Assistant — web chat widget of Krakowskie Centrum Kontaktu.
 * Plain ES2019, no dependencies, no build step.
 *
 * Embed:
 *   <link rel="stylesheet" href="/widget/widget.css">
 *   <script src="/widget/widget.js" data-api-base="" defer></script>
 *
 * Public API (the only global): window.KCKWidget = { open(), close() }.
 * Message data is only ever inserted with textContent / createTextNode.
 */
(function () {
  'use strict';

  /*
   * The widget's own texts (not the assistant's replies) in Polish, Ukrainian or English.
   * The message ids are the Polish texts, so Polish is built in and is what shows when a
   * catalog cannot be loaded. `make i18n` extracts the _('…') calls below into the babel
   * domain "widget" (bot/locale/<lang>/LC_MESSAGES/widget.po); the gateway serves each
   * compiled catalog as /widget/i18n/<lang>.json.
   */
  var catalog = null; /* msgid -> text of the chosen language; null: built-in Polish */

  function _(msgid) {
    var text = catalog && catalog[msgid];
    return typeof text === 'string' && text ? text : msgid;
  }

  function buildTexts() {
    return {
      launcher: _('Czat z KCK'),
      unread: _('nowa wiadomość'),
      dialogLabel: _('Czat z Krakowskim Centrum Kontaktu'),
      regionLabel: _('Czat KCK'),
      title: _('Asystent KCK'),
      subtitle: _('Krakowskie Centrum Kontaktu'),
      close: _('Zamknij czat'),
      logLabel: _('Wiadomości'),
      inputLabel: _('Twoja wiadomość'),
      inputPlaceholder: _('Napisz wiadomość…'),
      inputHint: _('Enter wysyła wiadomość, Shift+Enter dodaje nowy wiersz.'),
      send: _('Wyślij'),
      attach: _('Dołącz zdjęcie'),
      attachIcon: '📎',
      fileLabel: _('Wybierz zdjęcie (JPG, PNG lub WebP, do 5 MB)'),
      /* Shown for PHOTO_STORED, the Polish text the gateway stores as the resident's message. */
      photoSent: _('📷 zdjęcie'),
      photoTooLarge: _('Zdjęcie jest za duże (najwyżej 5 MB).'),
      photoWrongType: _('To nie jest zdjęcie. Wyślij plik JPG, PNG lub WebP.'),
      photoError: _('Nie udało się wysłać zdjęcia. Sprawdź połączenie i spróbuj ponownie.'),
      typing: _('Asystent pisze…'),
      senderBot: _('Asystent'),
      senderConsultant: _('Konsultant'),
      senderUser: _('Ty'),
      senderSystem: _('Komunikat'),
      quickReplies: _('Proponowane odpowiedzi'),
      newTab: _('(otwiera się w nowej karcie)'),
      languages: _('Język czatu'),
      networkError: _('Nie udało się wysłać wiadomości. Sprawdź połączenie i spróbuj ponownie.'),
      startError: _('Nie udało się rozpocząć rozmowy. Sprawdź połączenie i spróbuj ponownie.'),
      loadError: _('Nie udało się wczytać wcześniejszej rozmowy. Sprawdź połączenie i spróbuj ponownie.'),
      genericError: _('Coś poszło nie tak. Spróbuj ponownie za chwilę.'),
      sessionExpired: _('Sesja czatu wygasła. Wyślij wiadomość ponownie, aby rozpocząć nową rozmowę.')
    };
  }

  var TEXTS = buildTexts();

  /* The switcher's languages, each named in itself, with a short visible code. */
  var LANGUAGES = [
    { code: 'pl', short: 'PL', name: 'Polski' },
    { code: 'uk', short: 'UK', name: 'Українська' },
    { code: 'en', short: 'EN', name: 'English' }
  ];

  if (window.KCKWidget) {
    return; /* embedded twice */
  }

  var STORAGE_KEY = 'kck-widget-conversation';
  var LANG_KEY = 'kck-widget-lang';
  var CATALOG_TIMEOUT_MS = 5000;
  var OPEN_KEY = 'kck-widget-open';
  var API_PREFIX = '/api/v1/conversations';
  /* What the gateway stores as a resident's photo message (bot/web/widget_api.py
     PHOTO_SENT); the bubble shows TEXTS.photoSent in the chosen language instead. */
  var PHOTO_STORED = '📷 zdjęcie';
  var REQUEST_TIMEOUT_MS = 60000;
  var PHOTO_MAX_BYTES = 5 * 1024 * 1024;
  var PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
  var WS_MAX_DELAY_MS = 30000;
  var WS_STABLE_MS = 10000;
  var FULLSCREEN_QUERY = '(max-width: 479.98px)';
  var URL_RE = /https?:\/\/[^\s<>"]+/gi;

  var scriptEl = document.currentScript ||
    document.querySelector('script[src*="widget.js"][data-api-base]') ||
    document.querySelector('script[src*="widget.js"]');
  var apiBase = ((scriptEl && scriptEl.getAttribute('data-api-base')) || '').trim().replace(/\/+$/, '');

  var state = {
    lang: 'pl',          /* the language the widget's own texts are in */
    conv: null,          /* { id, token } */
    isOpen: false,
    loaded: false,       /* the log shows the current conversation */
    restoring: false,
    busy: false,
    pushBuffer: [],      /* pushes received while the transcript is being restored */
    seenIds: Object.create(null),
    sentTexts: [],
    ws: null,
    wsAttempt: 0,
    wsTimer: null
  };

  var dom = null;

  /* ------------------------------------------------------------------ */
  /* Storage                                                              */
  /* ------------------------------------------------------------------ */

  function storageGet(store, key) {
    try { return window[store].getItem(key); } catch (e) { return null; }
  }

  function storageSet(store, key, value) {
    try {
      if (value === null) { window[store].removeItem(key); } else { window[store].setItem(key, value); }
    } catch (e) { /* storage disabled: the widget still works for this page view */ }
  }

  function loadConv() {
    var raw = storageGet('localStorage', STORAGE_KEY);
    if (!raw) { return null; }
    try {
      var data = JSON.parse(raw);
      var id = data && (data.conversation_id != null ? data.conversation_id : data.id);
      if ((typeof id === 'string' || typeof id === 'number') && String(id) &&
          typeof data.token === 'string' && data.token) {
        return { id: String(id), token: data.token };
      }
    } catch (e) { /* corrupted value: ignore */ }
    storageSet('localStorage', STORAGE_KEY, null);
    return null;
  }

  function saveConv(conv) {
    storageSet('localStorage', STORAGE_KEY,
      conv ? JSON.stringify({ conversation_id: conv.id, token: conv.token }) : null);
  }

  /* ------------------------------------------------------------------ */
  /* HTTP                                                                 */
  /* ------------------------------------------------------------------ */

  function messagesPath(id) {
    return API_PREFIX + '/' + encodeURIComponent(id) + '/messages';
  }

  function photosPath(id) {
    return API_PREFIX + '/' + encodeURIComponent(id) + '/photos';
  }

  /* body: a JSON-able object, or a Blob / File sent as is with its own type. */
  function request(method, path, body, token) {
    var headers = { Accept: 'application/json' };
    var isBlob = typeof Blob === 'function' && body instanceof Blob;
    if (body !== undefined) {
      headers['Content-Type'] = isBlob ? (body.type || 'application/octet-stream') : 'application/json';
    }
    if (token) { headers.Authorization = 'Bearer ' + token; }
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    var options = {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      cache: 'no-store'
    };
    if (body !== undefined) { options.body = isBlob ? body : JSON.stringify(body); }
    if (controller) { options.signal = controller.signal; }

    return fetch(apiBase + path, options).then(function (res) {
      return res.text().then(function (raw) {
        var data = null;
        try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
        if (res.ok) { return data || {}; }
        var err = new Error('HTTP ' + res.status);
        err.status = res.status;
        err.data = data;
        throw err;
      });
    }, function () {
      var err = new Error('network');
      err.network = true;
      throw err;
    }).finally(function () {
      if (timer) { clearTimeout(timer); }
    });
  }

  function isAuthError(err) {
    return !!err && (err.status === 401 || err.status === 403);
  }

  function errorText(err, networkText) {
    if (!err || err.network || !err.status) { return networkText || TEXTS.networkError; }
    if (err.data && typeof err.data.error === 'string' && err.data.error.trim()) {
      return err.data.error;
    }
    return TEXTS.genericError;
  }

  /* ------------------------------------------------------------------ */
  /* DOM helpers                                                          */
  /* ------------------------------------------------------------------ */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === 'text') { node.textContent = value; } else { node.setAttribute(name, value === true ? '' : String(value)); }
      });
    }
    (children || []).forEach(function (child) {
      if (child) { node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); }
    });
    return node;
  }

  function svgIcon(pathData) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '24');
    svg.setAttribute('height', '24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'kck-icon');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', pathData);
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    return svg;
  }

  var ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 2v10h2v2l2.5-2H20V6H4zm3 3h10v2H7V9zm0 3h7v2H7v-2z';
  var ICON_CLOSE = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z';

  /* ------------------------------------------------------------------ */
  /* Building the widget                                                  */
  /* ------------------------------------------------------------------ */

  function build() {
    if (dom) { return dom; }
    if (!document.body) { return null; }

    var unreadText = el('span', { class: 'kck-sr-only' });
    var badge = el('span', { class: 'kck-launcher__badge', hidden: true }, [unreadText]);
    var launcherText = el('span', { class: 'kck-launcher__text' });
    var launcher = el('button', {
      type: 'button',
      id: 'kck-launcher',
      class: 'kck-launcher',
      'aria-expanded': 'false',
      'aria-controls': 'kck-panel'
    }, [svgIcon(ICON_CHAT), launcherText, badge]);

    var closeBtn = el('button', { type: 'button', class: 'kck-close' }, [svgIcon(ICON_CLOSE)]);

    /* PL / UK / EN: each button's name starts with its visible code (label in name),
     * then the language's own name ("UK Українська") for screen readers. */
    var langButtons = LANGUAGES.map(function (language) {
      var btn = el('button', {
        type: 'button',
        class: 'kck-lang',
        lang: language.code,
        'data-lang': language.code,
        'aria-label': language.short + ' ' + language.name,
        title: language.name,
        'aria-pressed': 'false',
        text: language.short
      });
      btn.addEventListener('click', function () { chooseLanguage(language.code); });
      return btn;
    });
    var langGroup = el('div', { class: 'kck-langs', role: 'group' }, langButtons);

    var title = el('h2', { class: 'kck-title' });
    var subtitle = el('p', { class: 'kck-subtitle' });
    var header = el('div', { class: 'kck-header' }, [
      el('div', { class: 'kck-header__titles' }, [title, subtitle]),
      langGroup,
      closeBtn
    ]);

    var log = el('div', {
      id: 'kck-log',
      class: 'kck-log',
      role: 'log',
      'aria-live': 'polite',
      'aria-busy': 'false',
      tabindex: '0'
    });

    var typingText = el('span', { class: 'kck-typing__text' });
    var typing = el('div', { class: 'kck-typing', role: 'status' }, [
      el('span', { class: 'kck-typing__dots', 'aria-hidden': 'true' }, [el('span'), el('span'), el('span')]),
      typingText
    ]);

    var input = el('textarea', {
      id: 'kck-input',
      class: 'kck-input',
      name: 'message',
      rows: '1',
      maxlength: '10000',
      autocomplete: 'off',
      'aria-describedby': 'kck-input-hint'
    });
    var sendBtn = el('button', { type: 'submit', id: 'kck-send', class: 'kck-send' });
    /* The file input is visually hidden and out of the Tab order: the button opens it. */
    var fileInput = el('input', {
      type: 'file',
      id: 'kck-file',
      class: 'kck-sr-only',
      name: 'photo',
      accept: PHOTO_TYPES.join(','),
      tabindex: '-1'
    });
    var attachBtn = el('button', {
      type: 'button',
      id: 'kck-attach',
      class: 'kck-attach',
      'aria-controls': 'kck-file',
      'aria-disabled': 'false'
    }, [el('span', { class: 'kck-attach__icon', 'aria-hidden': 'true', text: TEXTS.attachIcon })]);
    var inputLabel = el('label', { for: 'kck-input', class: 'kck-sr-only' });
    var inputHint = el('span', { id: 'kck-input-hint', class: 'kck-sr-only' });
    var form = el('form', { class: 'kck-form', novalidate: true }, [
      inputLabel,
      inputHint,
      fileInput,
      attachBtn,
      input,
      sendBtn
    ]);

    var panel = el('div', {
      id: 'kck-panel',
      class: 'kck-panel',
      role: 'dialog',
      hidden: true
    }, [header, log, form]);

    var root = el('aside', { class: 'kck-widget' }, [launcher, panel]);

    launcher.addEventListener('click', function () {
      if (state.isOpen) { close(); } else { open(); }
    });
    closeBtn.addEventListener('click', function () { close(); });
    root.addEventListener('keydown', onKeydown);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      submitInput();
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        submitInput();
      }
    });
    input.addEventListener('input', autosize);
    attachBtn.addEventListener('click', function () {
      if (state.busy) { return; }
      fileInput.click();
    });
    fileInput.addEventListener('change', onFileChosen);

    document.body.appendChild(root);
    dom = {
      root: root, launcher: launcher, badge: badge, panel: panel, log: log, typing: typing,
      form: form, input: input, sendBtn: sendBtn, closeBtn: closeBtn,
      attachBtn: attachBtn, fileInput: fileInput, unreadText: unreadText,
      launcherText: launcherText, langGroup: langGroup, langButtons: langButtons, title: title,
      subtitle: subtitle, typingText: typingText, inputLabel: inputLabel, inputHint: inputHint
    };
    applyTexts();
    return dom;
  }

  /* Puts the current language's texts on the widget, also on messages already shown. */
  function applyTexts() {
    var d = dom;
    d.root.setAttribute('lang', state.lang);
    d.root.setAttribute('aria-label', TEXTS.regionLabel);
    d.unreadText.textContent = ' (' + TEXTS.unread + ')';
    d.launcherText.textContent = TEXTS.launcher;
    d.closeBtn.setAttribute('aria-label', TEXTS.close);
    d.langGroup.setAttribute('aria-label', TEXTS.languages);
    d.langButtons.forEach(function (btn) {
      btn.setAttribute('aria-pressed', btn.getAttribute('data-lang') === state.lang ? 'true' : 'false');
    });
    d.title.textContent = TEXTS.title;
    d.subtitle.textContent = TEXTS.subtitle;
    d.log.setAttribute('aria-label', TEXTS.logLabel);
    d.typingText.textContent = TEXTS.typing;
    d.input.setAttribute('placeholder', TEXTS.inputPlaceholder);
    d.sendBtn.textContent = TEXTS.send;
    d.fileInput.setAttribute('aria-label', TEXTS.fileLabel);
    d.attachBtn.setAttribute('aria-label', TEXTS.attach);
    d.attachBtn.setAttribute('title', TEXTS.attach);
    d.inputLabel.textContent = TEXTS.inputLabel;
    d.inputHint.textContent = TEXTS.inputHint;
    d.panel.setAttribute('aria-label', TEXTS.dialogLabel);
    Array.prototype.forEach.call(d.log.querySelectorAll('.kck-msg__label[data-sender]'), function (label) {
      var sender = label.getAttribute('data-sender');
      label.textContent = senderLabel(sender) + (sender === 'user' || sender === 'system' ? ': ' : '');
    });
    Array.prototype.forEach.call(d.log.querySelectorAll('.kck-quick-replies'), function (group) {
      group.setAttribute('aria-label', TEXTS.quickReplies);
    });
    Array.prototype.forEach.call(d.log.querySelectorAll('.kck-link__new-tab'), function (note) {
      note.textContent = ' ' + TEXTS.newTab;
    });
  }

  function onKeydown(event) {
    if (!state.isOpen) { return; }
    if (event.key === 'Escape' || event.key === 'Esc') {
      if (dom.panel.contains(event.target) || event.target === dom.launcher) {
        event.preventDefault();
        close();
      }
      return;
    }
    if (event.key === 'Tab' && isFullscreen() && dom.panel.contains(event.target)) {
      trapFocus(event);
    }
  }

  function isFullscreen() {
    return !!(window.matchMedia && window.matchMedia(FULLSCREEN_QUERY).matches);
  }

  /* On phones the panel covers the whole page: keep Tab inside it. */
  function trapFocus(event) {
    var items = Array.prototype.filter.call(
      dom.panel.querySelectorAll('button:not([disabled]), textarea, a[href], [tabindex="0"]'),
      function (node) { return node.offsetParent !== null || node === document.activeElement; }
    );
    if (!items.length) { return; }
    var first = items[0];
    var last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  function autosize() {
    var input = dom.input;
    input.style.height = 'auto';
    input.style.height = input.scrollHeight + 2 + 'px';
  }

  function scrollToBottom() {
    dom.log.scrollTop = dom.log.scrollHeight;
  }

  function setUnread(on) {
    dom.badge.hidden = !on;
    dom.launcher.classList.toggle('kck-launcher--unread', on);
  }

  function setBusy(on) {
    state.busy = on;
    dom.log.setAttribute('aria-busy', on ? 'true' : 'false');
    dom.sendBtn.setAttribute('aria-disabled', on ? 'true' : 'false');
    /* aria-disabled rather than disabled: a focused button keeps the focus. */
    dom.attachBtn.setAttribute('aria-disabled', on ? 'true' : 'false');
    if (on) {
      dom.log.appendChild(dom.typing);
      scrollToBottom();
    } else if (dom.typing.parentNode) {
      dom.typing.parentNode.removeChild(dom.typing);
    }
  }

  /* ------------------------------------------------------------------ */
  /* Open / close                                                         */
  /* ------------------------------------------------------------------ */

  function open() {
    if (!build()) { return; }
    if (!state.isOpen) {
      state.isOpen = true;
      dom.panel.hidden = false;
      dom.launcher.setAttribute('aria-expanded', 'true');
      document.documentElement.classList.add('kck-open');
      storageSet('sessionStorage', OPEN_KEY, '1');
      setUnread(false);
      scrollToBottom();
    }
    try { dom.input.focus({ preventScroll: true }); } catch (e) { dom.input.focus(); }
    if (!state.loaded && !state.busy) { loadConversation(); }
  }

  function close() {
    if (!dom || !state.isOpen) { return; }
    var focusWasInside = dom.panel.contains(document.activeElement);
    state.isOpen = false;
    dom.panel.hidden = true;
    dom.launcher.setAttribute('aria-expanded', 'false');
    document.documentElement.classList.remove('kck-open');
    storageSet('sessionStorage', OPEN_KEY, null);
    if (focusWasInside || document.activeElement === document.body || !document.activeElement) {
      dom.launcher.focus();
    }
  }

  /* ------------------------------------------------------------------ */
  /* Rendering                                                            */
  /* ------------------------------------------------------------------ */

  /* The language of a message from the gateway: its "lang" when it says (the note for
   * residents who write in Ukrainian or English), Ukrainian for Cyrillic text (that note
   * after a reload), else Polish, the language of the assistant's answers. */
  function messageLang(msg, text) {
    if (typeof msg.lang === 'string' && /^[a-z]{2}$/.test(msg.lang)) { return msg.lang; }
    var cyrillic = (text.match(/[\u0400-\u04ff]/g) || []).length;
    var letters = (text.match(/[A-Za-z\u00c0-\u024f\u0400-\u04ff]/g) || []).length;
    return letters && cyrillic * 2 > letters ? 'uk' : 'pl';
  }

  function normalizeSender(sender) {
    return sender === 'user' || sender === 'consultant' || sender === 'system' ? sender : 'bot';
  }

  function senderLabel(sender) {
    switch (sender) {
      case 'user': return TEXTS.senderUser;
      case 'consultant': return TEXTS.senderConsultant;
      case 'system': return TEXTS.senderSystem;
      default: return TEXTS.senderBot;
    }
  }

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

  /* Text with http(s) URLs turned into links, built with DOM APIs only. */
  function appendLinkified(parent, text) {
    var last = 0;
    var match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      var url = trimUrl(match[0]);
      var href = safeHref(url);
      if (!href) { continue; }
      var start = match.index;
      if (start > last) { parent.appendChild(document.createTextNode(text.slice(last, start))); }
      var link = document.createElement('a');
      link.className = 'kck-link';
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.appendChild(document.createTextNode(url));
      link.appendChild(el('span', { class: 'kck-sr-only kck-link__new-tab', text: ' ' + TEXTS.newTab }));
      parent.appendChild(link);
      last = start + url.length;
      URL_RE.lastIndex = last;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  function validButtons(buttons) {
    if (!Array.isArray(buttons)) { return []; }
    return buttons.filter(function (b) {
      return b && typeof b === 'object' && typeof b.title === 'string' && b.title.trim() &&
        (typeof b.payload === 'string' || b.payload === undefined || b.payload === null);
    });
  }

  function appendToLog(node) {
    if (dom.typing.parentNode === dom.log) {
      dom.log.insertBefore(node, dom.typing);
    } else {
      dom.log.appendChild(node);
    }
  }

  /*
   * Render one message object { sender, text, buttons, id? }.
   * Returns the element, or null when there is nothing to show.
   */
  function renderMessage(msg, live) {
    if (!msg || typeof msg !== 'object') { return null; }
    var sender = normalizeSender(msg.sender);
    var text = typeof msg.text === 'string' ? msg.text : (msg.text == null ? '' : String(msg.text));
    var buttons = sender === 'user' ? [] : validButtons(msg.buttons);
    if (!text.trim() && !buttons.length) { return null; }
    if (msg.id !== undefined && msg.id !== null) {
      var key = String(msg.id);
      if (state.seenIds[key]) { return null; }
      state.seenIds[key] = true;
    }

    var label = el('span', {
      class: 'kck-msg__label' + (sender === 'user' || sender === 'system' ? ' kck-sr-only' : ''),
      'data-sender': sender,
      text: senderLabel(sender) + (sender === 'user' || sender === 'system' ? ': ' : '')
    });
    var node = el('div', { class: 'kck-msg kck-msg--' + sender }, [label]);

    if (text.trim()) {
      var body = el('div', { class: 'kck-msg__text', lang: sender === 'user' ? null : messageLang(msg, text) });
      if (sender === 'user') {
        body.textContent = text === PHOTO_STORED ? TEXTS.photoSent : text;
      } else {
        appendLinkified(body, text);
      }
      node.appendChild(body);
    }

    if (buttons.length) {
      var group = el('div', { class: 'kck-quick-replies', role: 'group', 'aria-label': TEXTS.quickReplies });
      buttons.forEach(function (b) {
        var btn = el('button', { type: 'button', class: 'kck-quick-reply', text: b.title });
        btn.addEventListener('click', function () {
          pressQuickReply(group, btn, b);
        });
        group.appendChild(btn);
      });
      node.appendChild(group);
    }

    appendToLog(node);
    if (live) {
      scrollToBottom();
      if (!state.isOpen && sender !== 'user') { setUnread(true); }
    }
    return node;
  }

  function showSystem(text) {
    renderMessage({ sender: 'system', text: text }, true);
  }

  function setGroupDisabled(group, disabled, chosen) {
    group.classList.toggle('kck-quick-replies--used', disabled);
    Array.prototype.forEach.call(group.querySelectorAll('button'), function (btn) {
      btn.disabled = disabled;
      btn.classList.toggle('kck-quick-reply--chosen', disabled && btn === chosen);
    });
  }

  function clearLog() {
    while (dom.log.firstChild) { dom.log.removeChild(dom.log.firstChild); }
    state.seenIds = Object.create(null);
  }

  /*
   * The resident answers (typed or pressed): every button group still open is now
   * answered and disabled, exactly as renderTranscript shows them after a reload, so an
   * old button behaves the same live and reloaded. Returns the groups closed.
   */
  function closeAnsweredGroups() {
    var open = Array.prototype.filter.call(
      dom.log.querySelectorAll('.kck-quick-replies'),
      function (g) { return !g.classList.contains('kck-quick-replies--used'); });
    open.forEach(function (g) { setGroupDisabled(g, true, null); });
    return open;
  }

  /* Whole transcript (after a reload): buttons already answered are disabled. */
  function renderTranscript(messages) {
    var wasBusy = dom.typing.parentNode === dom.log;
    clearLog();
    if (wasBusy) { dom.log.appendChild(dom.typing); }
    var openGroups = [];
    (Array.isArray(messages) ? messages : []).forEach(function (msg) {
      var node = renderMessage(msg, false);
      if (!node) { return; }
      if (node.classList.contains('kck-msg--user')) {
        openGroups.forEach(function (g) { setGroupDisabled(g, true, null); });
        openGroups = [];
      }
      var group = node.querySelector('.kck-quick-replies');
      if (group) { openGroups.push(group); }
    });
    scrollToBottom();
  }

  /* Replies to a POST: skip an echo of what the resident just sent. */
  function renderReplies(messages, sentText) {
    (Array.isArray(messages) ? messages : []).forEach(function (msg) {
      if (msg && msg.sender === 'user' && (msg.text === sentText || !String(msg.text || '').trim())) { return; }
      renderMessage(msg, true);
    });
  }

  /* ------------------------------------------------------------------ */
  /* Conversation                                                         */
  /* ------------------------------------------------------------------ */

  function forgetConversation() {
    state.conv = null;
    saveConv(null);
    stopWs();
  }

  /* Create a conversation and show the greeting (with the privacy notice). */
  function createAndGreet() {
    return request('POST', API_PREFIX).then(function (data) {
      var id = data && data.conversation_id;
      if ((typeof id !== 'string' && typeof id !== 'number') || !String(id) ||
          typeof data.token !== 'string' || !data.token) {
        var err = new Error('bad response');
        err.status = 500;
        throw err;
      }
      var conv = { id: String(id), token: data.token };
      return request('POST', messagesPath(conv.id), { payload: '/greet', text: '' }, conv.token)
        .then(function (reply) {
          state.conv = conv;
          saveConv(conv);
          state.loaded = true;
          renderReplies(reply && reply.messages, '');
          connectWs();
        });
    });
  }

  function restoreTranscript() {
    var conv = state.conv;
    state.restoring = true;
    state.pushBuffer = [];
    return request('GET', messagesPath(conv.id), undefined, conv.token).then(function (data) {
      if (conv !== state.conv) { return; }
      renderTranscript(data && data.messages);
      state.pushBuffer.forEach(function (msg) {
        /* Without an id we cannot tell whether the transcript already had it. */
        if (msg && msg.id !== undefined && msg.id !== null) { renderMessage(msg, true); }
      });
      state.loaded = true;
      connectWs();
    }).finally(function () {
      state.restoring = false;
      state.pushBuffer = [];
    });
  }

  /* Called when the panel opens and the log does not show the conversation yet. */
  function loadConversation() {
    setBusy(true);
    var hadConv = !!state.conv;
    var task = hadConv
      ? restoreTranscript().catch(function (err) {
        if (isAuthError(err)) {
          forgetConversation();
          clearLog();
          setBusy(true);
          return createAndGreet();
        }
        throw err;
      })
      : createAndGreet();
    task.catch(function (err) {
      showSystem(errorText(err, hadConv && state.conv ? TEXTS.loadError : TEXTS.startError));
    }).finally(function () {
      setBusy(false);
    });
  }

  function rememberSent(text) {
    state.sentTexts.push(text);
    if (state.sentTexts.length > 20) { state.sentTexts.shift(); }
  }

  /*
   * Send a resident message. body is { text } or { payload, text };
   * shown is the text of the resident's bubble.
   */
  function sendMessage(body, shown, opts) {
    setBusy(true);
    var bubble = null;
    var ready = state.conv ? Promise.resolve() : createAndGreet();
    var answered = [];
    return ready.then(function () {
      answered = closeAnsweredGroups();
      bubble = renderMessage({ sender: 'user', text: shown }, true);
      rememberSent(shown);
      var conv = state.conv;
      return request('POST', messagesPath(conv.id), body, conv.token).then(function (data) {
        renderReplies(data && data.messages, shown);
      });
    }).catch(function (err) {
      if (bubble && bubble.parentNode) { bubble.parentNode.removeChild(bubble); }
      /* Not sent: the questions it would have answered are open again. */
      answered.forEach(function (g) { setGroupDisabled(g, false, null); });
      if (opts.onFail) { opts.onFail(); }
      if (isAuthError(err)) {
        forgetConversation();
        showSystem(TEXTS.sessionExpired);
      } else {
        showSystem(errorText(err, bubble ? TEXTS.networkError : TEXTS.startError));
      }
    }).finally(function () {
      setBusy(false);
    });
  }

  function submitInput() {
    var input = dom.input;
    var text = input.value;
    if (!text.trim() || state.busy) { return; }
    input.value = '';
    autosize();
    sendMessage({ text: text }, text, {
      onFail: function () {
        /* Nothing typed is lost: put the text back in front of anything typed since. */
        input.value = input.value ? text + '\n' + input.value : text;
        autosize();
      }
    });
  }

  /* A photo chosen with the 📎 button: checked here, then uploaded as raw bytes. */
  function onFileChosen() {
    var fileInput = dom.fileInput;
    var file = fileInput.files && fileInput.files[0];
    /* Reset at once, so choosing the same file again fires "change" again. */
    fileInput.value = '';
    if (!file || state.busy) { return; }
    if (file.type && PHOTO_TYPES.indexOf(file.type) === -1) {
      showSystem(TEXTS.photoWrongType);
      return;
    }
    if (file.size > PHOTO_MAX_BYTES) {
      showSystem(TEXTS.photoTooLarge);
      return;
    }
    sendPhoto(file);
  }

  function sendPhoto(file) {
    setBusy(true);
    var bubble = null;
    var shown = PHOTO_STORED;
    var answered = [];
    var ready = state.conv ? Promise.resolve() : createAndGreet();
    return ready.then(function () {
      answered = closeAnsweredGroups();
      bubble = renderMessage({ sender: 'user', text: shown }, true);
      rememberSent(shown);
      var conv = state.conv;
      return request('POST', photosPath(conv.id), file, conv.token).then(function (data) {
        renderReplies(data && data.messages, shown);
      });
    }).catch(function (err) {
      if (bubble && bubble.parentNode) { bubble.parentNode.removeChild(bubble); }
      answered.forEach(function (g) { setGroupDisabled(g, false, null); });
      if (isAuthError(err)) { forgetConversation(); }
      showSystem(errorText(err, bubble ? TEXTS.photoError : TEXTS.startError));
    }).finally(function () {
      setBusy(false);
    });
  }

  function pressQuickReply(group, btn, button) {
    if (state.busy || btn.disabled) { return; }
    setGroupDisabled(group, true, btn);
    var payload = typeof button.payload === 'string' && button.payload ? button.payload : button.title;
    /* The pressed button is now disabled: keep the focus somewhere useful. */
    dom.input.focus();
    sendMessage({ payload: payload, text: button.title }, button.title, {
      onFail: function () { setGroupDisabled(group, false, null); }
    });
  }

  /* ------------------------------------------------------------------ */
  /* WebSocket (live pushes, e.g. consultant messages)                   */
  /* ------------------------------------------------------------------ */

  function wsUrl(id) {
    var url = new URL(apiBase + API_PREFIX + '/' + encodeURIComponent(id) + '/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  }

  function connectWs() {
    var conv = state.conv;
    if (!conv || state.ws || typeof window.WebSocket !== 'function') { return; }
    if (state.wsTimer) { clearTimeout(state.wsTimer); state.wsTimer = null; }
    var sock;
    try {
      sock = new window.WebSocket(wsUrl(conv.id));
    } catch (e) {
      scheduleWs();
      return;
    }
    var openedAt = 0;
    state.ws = sock;
    sock.onopen = function () {
      openedAt = Date.now();
      try { sock.send(JSON.stringify({ token: conv.token })); } catch (e) { /* close follows */ }
    };
    sock.onmessage = function (event) {
      if (state.ws !== sock) { return; }
      state.wsAttempt = 0;
      handlePush(event.data);
    };
    sock.onerror = function () { /* a close event follows */ };
    sock.onclose = function (event) {
      if (state.ws !== sock) { return; } /* closed on purpose */
      state.ws = null;
      if (event.code === 4401) { return; } /* bad token: do not retry */
      if (openedAt && Date.now() - openedAt > WS_STABLE_MS) { state.wsAttempt = 0; }
      scheduleWs();
    };
  }

  function scheduleWs() {
    if (!state.conv || state.wsTimer) { return; }
    var delay = Math.min(WS_MAX_DELAY_MS, 1000 * Math.pow(2, state.wsAttempt));
    state.wsAttempt = Math.min(state.wsAttempt + 1, 10);
    state.wsTimer = setTimeout(function () {
      state.wsTimer = null;
      connectWs();
    }, delay);
  }

  function stopWs() {
    if (state.wsTimer) { clearTimeout(state.wsTimer); state.wsTimer = null; }
    state.wsAttempt = 0;
    var sock = state.ws;
    state.ws = null;
    if (sock) {
      try { sock.close(1000); } catch (e) { /* already closed */ }
    }
  }

  function handlePush(raw) {
    var data;
    try { data = JSON.parse(raw); } catch (e) { return; }
    var list;
    if (Array.isArray(data)) {
      list = data;
    } else if (data && Array.isArray(data.messages)) {
      list = data.messages;
    } else {
      list = [data];
    }
    list.forEach(function (msg) {
      if (!msg || typeof msg !== 'object') { return; }
      /* Our own messages come back as echoes: they are already shown. */
      if (msg.sender === 'user' && state.sentTexts.indexOf(msg.text) !== -1) { return; }
      if (state.restoring) {
        state.pushBuffer.push(msg);
        return;
      }
      renderMessage(msg, true);
    });
  }

  window.addEventListener('online', function () {
    if (state.conv && !state.ws) {
      state.wsAttempt = 0;
      if (state.wsTimer) { clearTimeout(state.wsTimer); state.wsTimer = null; }
      connectWs();
    }
  });

  /* ------------------------------------------------------------------ */
  /* Start                                                                */
  /* ------------------------------------------------------------------ */

  /* ------------------------------------------------------------------ */
  /* Language                                                             */
  /* ------------------------------------------------------------------ */

  function isLanguage(code) {
    return LANGUAGES.some(function (language) { return language.code === code; });
  }

  /* The resident's choice (the switcher), else the browser's first language we have. */
  function pickLanguage() {
    var saved = storageGet('localStorage', LANG_KEY);
    if (isLanguage(saved)) { return saved; }
    var wanted = (navigator.languages && navigator.languages.length)
      ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < wanted.length; i += 1) {
      var code = String(wanted[i] || '').toLowerCase().split('-')[0];
      if (isLanguage(code)) { return code; }
    }
    return 'pl';
  }

  function catalogUrl(code) {
    var base = (scriptEl && scriptEl.src) || (apiBase + '/widget/widget.js');
    return new URL('i18n/' + code + '.json', new URL(base, window.location.href)).href;
  }

  /* The catalog of one language ({msgid: text}); Polish is built in. */
  function loadCatalog(code) {
    if (code === 'pl') { return Promise.resolve(null); }
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, CATALOG_TIMEOUT_MS) : null;
    return fetch(catalogUrl(code), {
      credentials: 'same-origin',
      signal: controller ? controller.signal : undefined
    }).then(function (res) {
      if (!res.ok) { throw new Error('HTTP ' + res.status); }
      return res.json();
    }).then(function (data) {
      if (!data || typeof data.messages !== 'object' || !data.messages) { throw new Error('bad catalog'); }
      return data.messages;
    }).finally(function () {
      if (timer) { clearTimeout(timer); }
    });
  }

  /* Switches the widget's texts; a catalog that fails to load leaves them Polish. */
  function setLanguage(code) {
    return loadCatalog(code).then(function (messages) {
      catalog = messages;
      state.lang = code;
    }, function () {
      catalog = null;
      state.lang = 'pl';
    }).then(function () {
      TEXTS = buildTexts();
      if (dom) { applyTexts(); }
    });
  }

  function chooseLanguage(code) {
    storageSet('localStorage', LANG_KEY, code);
    setLanguage(code);
  }

  /* ------------------------------------------------------------------ */
  /* Start                                                                */
  /* ------------------------------------------------------------------ */

  var initialized = false;
  var ready = false;
  var openWhenReady = false;

  /* The catalog first, so the widget never shows one language and then another. */
  function init() {
    if (initialized || !document.body) { return; }
    initialized = true;
    setLanguage(pickLanguage()).then(start);
  }

  function start() {
    if (!build()) { return; }
    ready = true;
    state.conv = loadConv();
    if (state.conv) { connectWs(); }
    if (openWhenReady || storageGet('sessionStorage', OPEN_KEY) === '1') { open(); }
  }

  var api = {
    open: function () {
      init();
      if (ready) { open(); } else { openWhenReady = true; }
    },
    close: function () { close(); }
  };
  window.KCKWidget = Object.freeze ? Object.freeze(api) : api;

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
