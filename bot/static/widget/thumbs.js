/*
 * Thumbnails of the photos sent from this tab, kept in sessionStorage (never beyond the
 * tab's life: they are the resident's photos) so a reloaded chat shows them again. The
 * gateway keeps no thumbnail and serves no photo to the widget.
 */
import { PHOTO_STORED } from './config.js';
import { storageGet, storageSet } from './storage.js';

var KEY = 'kck-widget-thumbnails';
var KEEP = 6; /* the newest photos of the conversation; older ones show as text */

function load(convId) {
  try {
    var data = JSON.parse(storageGet('sessionStorage', KEY) || 'null');
    return data && data.conv === convId && Array.isArray(data.thumbs) ? data.thumbs : [];
  } catch (e) {
    return [];
  }
}

/* Remembers the thumbnail ({ src, width, height }) of a photo the gateway took. */
export function keepThumbnail(convId, thumb) {
  if (!thumb) { return; }
  var thumbs = load(convId).concat([thumb]).slice(-KEEP);
  storageSet('sessionStorage', KEY, JSON.stringify({ conv: convId, thumbs: thumbs }));
}

/* The transcript with the kept thumbnails on its last photo messages, newest to newest. */
export function withThumbnails(convId, messages) {
  var thumbs = load(convId);
  if (!thumbs.length) { return messages; }
  var out = messages.slice();
  for (var i = out.length - 1; i >= 0 && thumbs.length; i -= 1) {
    var msg = out[i];
    if (msg && msg.sender === 'user' && msg.text === PHOTO_STORED) {
      var thumb = thumbs.pop();
      out[i] = Object.assign({}, msg, {
        thumbnail: thumb.src, thumbnailWidth: thumb.width, thumbnailHeight: thumb.height
      });
    }
  }
  return out;
}

/* The conversation is forgotten (its token refused, or erased): so are its photos. */
export function forgetThumbnails() {
  storageSet('sessionStorage', KEY, null);
}
