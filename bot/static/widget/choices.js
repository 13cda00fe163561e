/*
 * The buttons under a message (quick replies). Callback windows, whose payloads are ISO
 * 8601 intervals ("2026-11-30T09:40+01:00/2026-11-30T11:40+01:00", actions/callback.py)
 * and whose titles end with the hours ("poniedziałek 30 listopada, 9:40–11:40"), are
 * grouped by day: the day once as a caption, then its hours, so eight windows no
 * longer push the question off the screen.
 */
import { el } from './dom.js';
import { TEXTS } from './i18n.js';
import { decorateRating } from './rating.js';

var WINDOW_RE = /^(\d{4}-\d{2}-\d{2})T[^/\s]+\/\d{4}-\d{2}-\d{2}T[^/\s]+$/;

/* { day, hours } of a window button, or null for any other button. */
function windowParts(button) {
  var match = typeof button.payload === 'string' ? WINDOW_RE.exec(button.payload) : null;
  var cut = button.title.lastIndexOf(', ');
  if (!match || cut <= 0) { return null; }
  return { date: match[1], day: button.title.slice(0, cut), hours: button.title.slice(cut + 2) };
}

function choiceButton(group, button, text, onPress) {
  var btn = el('button', { type: 'button', class: 'kck-quick-reply', text: text });
  /* A window's hours alone on the button: its name still says the day too. */
  if (text !== button.title) { btn.setAttribute('aria-label', button.title); }
  btn.addEventListener('click', function () { onPress(group, btn, button); });
  return btn;
}

/* Every button a window: [{ date, day, items: [{ button, hours }] }] by day, else null. */
function byDay(buttons) {
  var days = [];
  for (var i = 0; i < buttons.length; i += 1) {
    var parts = windowParts(buttons[i]);
    if (!parts) { return null; }
    var last = days[days.length - 1];
    if (!last || last.date !== parts.date) {
      last = { date: parts.date, day: parts.day, items: [] };
      days.push(last);
    }
    last.items.push({ button: buttons[i], hours: parts.hours });
  }
  return days.length ? days : null;
}

/* The group of a message's buttons; onPress(group, btn, button) when one is pressed. */
export function buttonGroup(buttons, onPress) {
  var group = el('div', { class: 'kck-quick-replies', role: 'group', 'aria-label': TEXTS.quickReplies });
  var days = buttons.length > 1 ? byDay(buttons) : null;
  if (!days) {
    buttons.forEach(function (b) { group.appendChild(choiceButton(group, b, b.title, onPress)); });
    decorateRating(group, buttons);  /* the rating question after a chat (rating.js) */
    return group;
  }
  group.classList.add('kck-quick-replies--days');
  days.forEach(function (day, index) {
    var captionId = 'kck-day-' + day.date + '-' + Math.random().toString(36).slice(2, 8) + index;
    var row = el('div', { class: 'kck-day', role: 'group', 'aria-labelledby': captionId }, [
      el('span', { class: 'kck-day__caption', id: captionId, text: day.day })
    ]);
    day.items.forEach(function (item) {
      row.appendChild(choiceButton(group, item.button, item.hours, onPress));
    });
    group.appendChild(row);
  });
  return group;
}
