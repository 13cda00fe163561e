/*
 * A photo made fit to send, in the browser: a phone's 12-megapixel photo (often over
 * the gateway's 5 MB) drawn on a canvas with its longest side at most 2048 px and
 * encoded as JPEG 0.85, which keeps every detail an official needs; and a small
 * thumbnail (a data: URL, which the gateway's CSP allows for images) for the log.
 * createImageBitmap decodes the file without an <img> and a blob: URL (CSP), and
 * turns it the way its EXIF orientation says.
 */
import { PHOTO_MAX_BYTES } from './config.js';

export var MAX_SIDE_PX = 2048;
var JPEG_QUALITIES = [0.85, 0.7, 0.55];
var THUMB_SIDE_PX = 240;

function decode(file) {
  if (typeof createImageBitmap !== 'function') { return Promise.reject(new Error('no decoder')); }
  return createImageBitmap(file, { imageOrientation: 'from-image' });
}

function canvasOf(bitmap, longest) {
  var scale = Math.min(1, longest / Math.max(bitmap.width, bitmap.height));
  var canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  var context = canvas.getContext('2d');
  /* JPEG has no transparency: a transparent PNG gets white, not black. */
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas;
}

function jpeg(canvas, quality) {
  return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', quality); });
}

/* The first JPEG quality whose file fits the limit (null if none does). */
function encodeToFit(canvas, index) {
  var i = index || 0;
  if (i >= JPEG_QUALITIES.length) { return Promise.resolve(null); }
  return jpeg(canvas, JPEG_QUALITIES[i]).then(function (blob) {
    return blob && blob.size <= PHOTO_MAX_BYTES ? blob : encodeToFit(canvas, i + 1);
  });
}

/*
 * { blob, thumbnail: { src, width, height } | null } for `file`: the file itself when it
 * is small enough already, else a downscaled JPEG. Rejects with err.tooLarge when it
 * cannot be made to fit; a file the browser cannot decode is sent as it is when it
 * fits the limit (the gateway then says what is wrong with it).
 */
export function preparePhoto(file) {
  return decode(file).then(function (bitmap) {
    var small = canvasOf(bitmap, THUMB_SIDE_PX);
    var thumb = { src: small.toDataURL('image/jpeg', 0.8), width: small.width, height: small.height };
    var fits = file.size <= PHOTO_MAX_BYTES && Math.max(bitmap.width, bitmap.height) <= MAX_SIDE_PX;
    var ready = fits ? Promise.resolve(file) : encodeToFit(canvasOf(bitmap, MAX_SIDE_PX));
    if (bitmap.close) { bitmap.close(); }
    return ready.then(function (blob) {
      if (!blob) { throw tooLarge(); }
      return { blob: blob, thumbnail: thumb };
    });
  }, function () {
    if (file.size > PHOTO_MAX_BYTES) { throw tooLarge(); }
    return { blob: file, thumbnail: null };
  });
}

function tooLarge() {
  var err = new Error('too large');
  err.tooLarge = true;
  return err;
}
