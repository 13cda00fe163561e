/* A photo chosen with the 📎 button: checked here (type, size), then uploaded as raw bytes. */
import { PHOTO_MAX_BYTES, PHOTO_STORED, PHOTO_TYPES } from './config.js';
import { errorText, isAuthError, photosPath, request } from './api.js';
import { createAndGreet, forgetConversation, rememberSent } from './conversation.js';
import { TEXTS } from './i18n.js';
import { closeAnsweredGroups, renderMessage, renderReplies, setGroupDisabled, showSystem } from './render.js';
import { state } from './state.js';
import { dom, setBusy } from './view.js';

export function onFileChosen() {
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
