/*
 * Polish phone numbers in an answer, to be made `tel:` links: the emergency and 24-hour
 * lines (112, 984–987, 991–999) and nine-digit numbers written as people write them
 * ("12 616 55 55", "(12) 616-55-55", "600 123 456", "+48 600 123 456", "+48600700800").
 * Never a date (30.11.2026, 2026-11-30), a report number (KCK-2026-000123), a postcode
 * (31-004), an hour (7:40–15:30), an amount (123 456 789 zł) or part of a longer run of
 * digits (PESEL, NIP, an account number): a number must stand alone, with no letter,
 * digit or joining sign (- / . ,) glued to either side, and no currency after it. An
 * example of the format ("np. 600 123 456") is no number to call either.
 */

var SEP = '[ \\u00a0-]?';
var NINE_DIGITS = '(?:\\(?[1-9]\\d\\)?' + SEP + '\\d{3}' + SEP + '\\d{2}' + SEP + '\\d{2}' +
  '|[1-9]\\d{2}' + SEP + '\\d{3}' + SEP + '\\d{3})';
var SHORT = '(?:112|98[4-7]|99[1-9])';
var PREFIX = '(?:(?:\\+|00)48' + SEP + ')';
var NUMBER = '(?:' + PREFIX + '?' + NINE_DIGITS + '|' + SHORT + ')';
/* After: not glued on (a letter, digit, "-", "/", or ".5", ",5", ":30"), no amount or year. */
var AFTER = '(?![\\p{L}\\p{N}_\\-/]|[.,:]\\p{N}|\\s?(?:zł|zl|PLN|EUR|€|gr\\b|%|r\\.|rok))';
var PHONE_RE = new RegExp('(' + NUMBER + ')' + AFTER, 'gu');

/* Before: the start, or nothing that makes the number part of a longer token (a letter,
 * digit, "+", "-", "/", or a digit with ".", ",", ":"), and no "np." (an example).
 * Checked here rather than with a lookbehind, which older Safari cannot parse. */
var GLUED_BEFORE = /(?:[\p{L}\p{N}_+\-/]|\p{N}[.,:])$/u;
var EXAMPLE_BEFORE = /(?:^|[^\p{L}])np\.\s?$/iu;

function standsAlone(text, start) {
  var before = text.slice(Math.max(0, start - 6), start);
  return !GLUED_BEFORE.test(before) && !EXAMPLE_BEFORE.test(before);
}

/* The `tel:` address of a number found by findPhones: +48 and the digits, or the
 * short number as it is. */
export function telHref(number) {
  var digits = number.replace(/\D/g, '');
  if (digits.length === 3) { return 'tel:' + digits; }
  if (digits.indexOf('0048') === 0) { digits = digits.slice(4); } else if (digits.indexOf('48') === 0 && digits.length === 11) { digits = digits.slice(2); }
  return 'tel:+48' + digits;
}

/* [{ start, end, text }] of the phone numbers in `text`, in order. */
export function findPhones(text) {
  var found = [];
  var match;
  PHONE_RE.lastIndex = 0;
  while ((match = PHONE_RE.exec(text)) !== null) {
    if (standsAlone(text, match.index)) {
      found.push({ start: match.index, end: match.index + match[1].length, text: match[1] });
    } else {
      PHONE_RE.lastIndex = match.index + 1;
    }
  }
  return found;
}
