/*
 * A photo chosen with the attach button: its type checked here, made fit to send
 * (resize.js: a large phone photo is downscaled in the browser), then uploaded as raw
 * bytes; the resident's bubble shows its thumbnail.
 */
import { PHOTO_STORED, PHOTO_TYPES } from './config.js';
import { errorText, isAuthError, photosPath, request } from './api.js';
import { createAndGreet, forgetConversation, rememberSent } from './conversation.js';
import { TEXTS } from './i18n.js';
import { closeAnsweredGroups, renderMessage, renderReplies, setGroupDisabled, showSystem } from './render.js';
import { preparePhoto } from './resize.js';
import { state } from './state.js';
import { keepThumbnail } from './thumbs.js';
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
  setBusy(true);
  preparePhoto(file).then(function (prepared) {
    return sendPhoto(prepared);
  }, function (err) {
    setBusy(false);
    showSystem(err && err.tooLarge ? TEXTS.photoTooLarge : TEXTS.photoError);
  });
}

function sendPhoto(prepared) {
  var bubble = null;
  var shown = PHOTO_STORED;
  var answered = [];
  var thumb = prepared.thumbnail;
  var ready = state.conv ? Promise.resolve() : createAndGreet();
  return ready.then(function () {
    answered = closeAnsweredGroups();
    bubble = renderMessage({
      sender: 'user',
      text: shown,
      thumbnail: thumb && thumb.src,
      thumbnailWidth: thumb && thumb.width,
      thumbnailHeight: thumb && thumb.height
    }, true);
    rememberSent(shown);
    var conv = state.conv;
    return request('POST', photosPath(conv.id), prepared.blob, conv.token).then(function (data) {
      keepThumbnail(conv.id, thumb);
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
