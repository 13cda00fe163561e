/*
 * The widget's markup: the launcher button, the panel's header (title, language
 * switcher, close), the message log and the form. The texts are put on later by
 * view.applyTexts, so a language switch relabels the same nodes; the events are
 * wired in view.build.
 */
import { PHOTO_TYPES } from './config.js';
import { ICON_ATTACH, ICON_CHAT, ICON_CLOSE, ICON_DOWNLOAD, el, svgIcon } from './dom.js';
import { LANGUAGES } from './i18n.js';

export function buildLauncher() {
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
  return { launcher: launcher, badge: badge, unreadText: unreadText, launcherText: launcherText };
}

/* PL / UK / EN: each button's name starts with its visible code (label in name),
 * then the language's own name ("UK Українська") for screen readers. */
function buildLanguageButtons(onChoose) {
  return LANGUAGES.map(function (language) {
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
    btn.addEventListener('click', function () { onChoose(language.code); });
    return btn;
  });
}

export function buildHeader(onChooseLanguage) {
  var closeBtn = el('button', { type: 'button', class: 'kck-close' }, [svgIcon(ICON_CLOSE)]);
  var downloadBtn = el('button', { type: 'button', id: 'kck-download', class: 'kck-download' }, [
    svgIcon(ICON_DOWNLOAD)
  ]);
  var langButtons = buildLanguageButtons(onChooseLanguage);
  var langGroup = el('div', { class: 'kck-langs', role: 'group' }, langButtons);
  var title = el('h2', { class: 'kck-title' });
  var subtitle = el('p', { class: 'kck-subtitle' });
  var header = el('div', { class: 'kck-header' }, [
    el('div', { class: 'kck-header__titles' }, [title, subtitle]),
    langGroup,
    downloadBtn,
    closeBtn
  ]);
  return {
    header: header, closeBtn: closeBtn, downloadBtn: downloadBtn, langGroup: langGroup, langButtons: langButtons,
    title: title, subtitle: subtitle
  };
}

export function buildLog() {
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
  return { log: log, typing: typing, typingText: typingText };
}

/* The accessibility statement, which the law asks to be reachable from every page of the
   service; it opens on the gateway, in the widget's language (view.js sets the href). */
export function buildFooter() {
  var statementLink = el('a', { class: 'kck-footer__link', target: '_blank', rel: 'noopener' });
  var footer = el('p', { class: 'kck-footer' }, [statementLink]);
  return { footer: footer, statementLink: statementLink };
}

export function buildForm() {
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
  }, [svgIcon(ICON_ATTACH)]);
  var inputLabel = el('label', { for: 'kck-input', class: 'kck-sr-only' });
  var inputHint = el('span', { id: 'kck-input-hint', class: 'kck-sr-only' });
  var form = el('form', { class: 'kck-form', novalidate: true }, [
    inputLabel, inputHint, fileInput, attachBtn, input, sendBtn
  ]);
  return {
    form: form, input: input, sendBtn: sendBtn, fileInput: fileInput, attachBtn: attachBtn,
    inputLabel: inputLabel, inputHint: inputHint
  };
}
