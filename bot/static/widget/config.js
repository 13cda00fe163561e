/*
 * The widget's fixed settings, and where the gateway is (the embed's data-api-base).
 * Every other module reads these; none of them changes at run time.
 */

export var STORAGE_KEY = 'kck-widget-conversation';
export var LANG_KEY = 'kck-widget-lang';
export var OPEN_KEY = 'kck-widget-open';
/* A fingerprint of the newest message read with the chat open (storage.js saveSeen). */
export var SEEN_KEY = 'kck-widget-seen';
export var CATALOG_TIMEOUT_MS = 5000;
export var API_PREFIX = '/api/v1/conversations';
/* What the gateway stores as a resident's photo message (bot/photos.py
   PHOTO_SENT); the bubble shows TEXTS.photoSent in the chosen language instead. */
export var PHOTO_STORED = '📷 zdjęcie';
export var REQUEST_TIMEOUT_MS = 60000;
export var PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export var PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export var WS_MAX_DELAY_MS = 30000;
export var WS_STABLE_MS = 10000;
export var FULLSCREEN_QUERY = '(max-width: 479.98px)';

/*
 * A module script has no document.currentScript: the embed is found by its src. The
 * classic loader (widget.js) copies its data-api-base onto the module script it adds,
 * so either tag may carry it; the first one that does wins.
 */
var scriptEl = document.querySelector('script[src*="/widget/"][data-api-base]') ||
  document.querySelector('script[src*="widget.js"][data-api-base]');

export var apiBase = ((scriptEl && scriptEl.getAttribute('data-api-base')) || '').trim().replace(/\/+$/, '');
