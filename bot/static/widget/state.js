/* The one mutable record of the widget's conversation, shared by every module. */
export var state = {
  lang: 'pl',          /* the language the widget's own texts are in */
  conv: null,          /* { id, token } */
  isOpen: false,
  loaded: false,       /* the log shows the current conversation */
  restoring: false,
  busy: false,
  pushBuffer: [],      /* pushes received while the transcript is being restored */
  seenIds: Object.create(null),
  sentTexts: [],
  ws: null,
  wsAttempt: 0,
  wsTimer: null
};
