/*
 * The rating question the gateway asks after a chat ends (bot/csat/): five neutral
 * numbers and "Pomiń", sent as ordinary quick replies so Telegram shows the same. Here
 * they become one labelled group whose numbers a screen reader reads as "4 z 5"; the
 * payloads (bot/csat/wording.py) tell the question apart from other buttons.
 */
import { TEXTS } from './i18n.js';

var SCORE = /^\/csat_([1-5])$/;
var SKIP = '/csat_skip';

function isRating(buttons) {
  return buttons.some(function (b) { return SCORE.test(b.payload || ''); });
}

/* Marks the quick-reply group of a rating question; other groups are left as they are. */
export function decorateRating(group, buttons) {
  if (!isRating(buttons)) { return; }
  group.classList.add('kck-rating');
  group.setAttribute('aria-label', TEXTS.ratingQuestion);
  var nodes = group.querySelectorAll('button');
  buttons.forEach(function (b, index) {
    var btn = nodes[index];
    if (!btn) { return; }
    var score = SCORE.exec(b.payload || '');
    if (score) {
      btn.setAttribute('aria-label', TEXTS.ratingScore.replace('{score}', score[1]));
    } else if (b.payload === SKIP) {
      btn.classList.add('kck-quick-reply--skip');
    }
  });
}
