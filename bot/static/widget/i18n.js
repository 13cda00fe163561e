/*
 * The widget's own texts (not the assistant's replies) in Polish, Ukrainian or English.
 * The message ids are the Polish texts, so Polish is built in and is what shows when a
 * catalog cannot be loaded. `make i18n` extracts the _('…') calls of every module in this
 * folder into the babel domain "widget" (bot/locale/<lang>/LC_MESSAGES/widget.po); the
 * gateway serves each compiled catalog as /widget/i18n/<lang>.json.
 */
import { CATALOG_TIMEOUT_MS, LANG_KEY } from './config.js';
import { state } from './state.js';
import { storageGet } from './storage.js';

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
    statement: _('Deklaracja dostępności'),
    send: _('Wyślij'),
    attach: _('Dołącz zdjęcie'),
    fileLabel: _('Wybierz zdjęcie (JPG, PNG lub WebP, do 5 MB)'),
    /* Shown for PHOTO_STORED, the Polish text the gateway stores as the resident's message. */
    photoSent: _('📷 zdjęcie'),
    emergency: _('Pilne: zagrożenie życia lub zdrowia'),
    photoTooLarge: _('Zdjęcie jest za duże (najwyżej 5 MB).'),
    photoWrongType: _('To nie jest zdjęcie. Wyślij plik JPG, PNG lub WebP.'),
    photoError: _('Nie udało się wysłać zdjęcia. Sprawdź połączenie i spróbuj ponownie.'),
    typing: _('Asystent pisze…'),
    consultantTyping: _('Konsultant pisze…'),
    senderBot: _('Asystent'),
    senderConsultant: _('Konsultant'),
    senderUser: _('Ty'),
    senderSystem: _('Komunikat'),
    quickReplies: _('Proponowane odpowiedzi'),
    ratingQuestion: _('Ocena rozmowy od 1 (źle) do 5 (bardzo dobrze)'),
    /* {score} is a number from 1 to 5; the visible text is the number alone. */
    ratingScore: _('{score} z 5'),
    newTab: _('(otwiera się w nowej karcie)'),
    languages: _('Język czatu'),
    download: _('Pobierz zapis rozmowy'),
    transcriptTitle: _('Rozmowa z Krakowskim Centrum Kontaktu'),
    transcriptSaved: _('Zapisano:'),
    transcriptEmpty: _('Rozmowa jeszcze się nie zaczęła – nie ma czego pobrać.'),
    transcriptError: _('Nie udało się pobrać zapisu rozmowy. Sprawdź połączenie i spróbuj ponownie.'),
    networkError: _('Nie udało się wysłać wiadomości. Sprawdź połączenie i spróbuj ponownie.'),
    startError: _('Nie udało się rozpocząć rozmowy. Sprawdź połączenie i spróbuj ponownie.'),
    loadError: _('Nie udało się wczytać wcześniejszej rozmowy. Sprawdź połączenie i spróbuj ponownie.'),
    genericError: _('Coś poszło nie tak. Spróbuj ponownie za chwilę.'),
    sessionExpired: _('Sesja czatu wygasła. Wyślij wiadomość ponownie, aby rozpocząć nową rozmowę.')
  };
}

/* The current language's texts; a live binding, replaced by setLanguage. */
export var TEXTS = buildTexts();

/* The switcher's languages, each named in itself, with a short visible code. */
export var LANGUAGES = [
  { code: 'pl', short: 'PL', name: 'Polski' },
  { code: 'uk', short: 'UK', name: 'Українська' },
  { code: 'en', short: 'EN', name: 'English' }
];

function isLanguage(code) {
  return LANGUAGES.some(function (language) { return language.code === code; });
}

/* The resident's choice (the switcher), else the browser's first language we have. */
export function pickLanguage() {
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

/* Beside the modules, as beside widget.js before: /widget/i18n/<code>.json. */
function catalogUrl(code) {
  return new URL('i18n/' + code + '.json', import.meta.url).href;
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

/* Switches TEXTS and state.lang; a catalog that fails to load leaves them Polish.
 * The caller puts the new texts on the page (view.applyTexts). */
export function setLanguage(code) {
  return loadCatalog(code).then(function (messages) {
    catalog = messages;
    state.lang = code;
  }, function () {
    catalog = null;
    state.lang = 'pl';
  }).then(function () {
    TEXTS = buildTexts();
  });
}

/* Who wrote a message, in the current language (the labels screen readers read). */
export function senderLabel(sender) {
  switch (sender) {
    case 'user': return TEXTS.senderUser;
    case 'consultant': return TEXTS.senderConsultant;
    case 'system': return TEXTS.senderSystem;
    default: return TEXTS.senderBot;
  }
}
