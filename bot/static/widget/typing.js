/*
 * The resident's typing, told to the consultant's console over the conversation's socket
 * (bot/typing_signals.py): {type: 'typing', typing: true} at most every few seconds while
 * keys are pressed, false once the resident stops for a moment or sends. Only while a
 * socket is open (a consultant's chat); nothing of what is typed is sent.
 */
import { state } from './state.js';

var REPEAT_MS = 2500;
var IDLE_MS = 4000;
var lastSent = 0;
var idleTimer = null;

function send(typing) {
  var sock = state.ws;
  if (!sock || sock.readyState !== 1) { return; }
  try { sock.send(JSON.stringify({ type: 'typing', typing: typing })); } catch (e) { /* closing */ }
}

/* Called on every input event of the message box. */
export function noteTyping() {
  var now = Date.now();
  if (now - lastSent > REPEAT_MS) {
    lastSent = now;
    send(true);
  }
  if (idleTimer) { clearTimeout(idleTimer); }
  idleTimer = setTimeout(stopTyping, IDLE_MS);
}

/* The resident sent the message or went quiet: the console stops showing it. */
export function stopTyping() {
  if (idleTimer) { clearTimeout(idleTimer); idleTimer = null; }
  if (!lastSent) { return; }
  lastSent = 0;
  send(false);
}
