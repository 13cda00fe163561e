/*
 * KCK Assistant — the classic <script> every embed loads:
 *   <script src="/widget/widget.js" data-api-base="" defer></script>
 * A classic script cannot import, so this one only defines window.KCKWidget at once
 * (open() / close(), as before) and adds the widget's entry module, main.js, beside
 * it, with the same data-api-base. Calls made before the module is running wait for
 * it: the module announces itself with the cancelable "kck-widget:ready" event.
 */
(function () {
  'use strict';

  if (window.KCKWidget) {
    return; /* embedded twice */
  }

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var widget = null;
  var openWhenReady = false;

  document.addEventListener('kck-widget:ready', function (event) {
    if (widget || !event.detail) { return; }
    widget = event.detail;
    event.preventDefault(); /* tells the module that window.KCKWidget is taken care of */
    if (openWhenReady) { widget.open(); }
  });

  var api = {
    open: function () {
      if (widget) { widget.open(); } else { openWhenReady = true; }
    },
    close: function () {
      if (widget) { widget.close(); }
    }
  };
  window.KCKWidget = Object.freeze ? Object.freeze(api) : api;

  var entry = document.createElement('script');
  entry.type = 'module';
  entry.src = new URL('main.js', new URL((script && script.src) || '/widget/widget.js', window.location.href)).href;
  var apiBase = script && script.getAttribute('data-api-base');
  if (apiBase !== null && apiBase !== undefined) { entry.setAttribute('data-api-base', apiBase); }
  (document.head || document.documentElement).appendChild(entry);
}());
