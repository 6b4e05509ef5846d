/**
 * The one sanitizer for text that reaches a person: chat text, names, API messages, anything an
 * outsider wrote. Whatever it holds, what comes out cannot drive the terminal (no escape sequence, no
 * control character), cannot reorder the line around it (no bidi override, embedding, isolate or
 * mark) and hides nothing (no zero-width or invisible filler characters). What is left is shown as is.
 *
 * Joiners that make up a character are kept: ZWJ between emoji (👩‍👩‍👧), ZWNJ between letters of
 * the scripts that need it (Persian, Indic), and the tag characters of subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
 */

/**
 * A whole escape sequence (ECMA-48), removed with its parameters so no fragment is left behind:
 * CSI (`ESC [` or 8-bit `\x9b`) with its parameter, intermediate and final bytes; the string
 * controls OSC, DCS, SOS, PM and APC (7- or 8-bit) up to their terminator (BEL or ST) or the next
 * control character; any other `ESC` with its intermediate and final bytes.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0000-\u001f\u007f-\u009f]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;

/** Line ends of every kind; a lone CR would move the cursor back over the line. */
const LINE_END = /\r\n|[\r\u2028\u2029\u0085]/g;

/**
 * Characters never shown: C0 controls but tab and line feed, DEL, C1 controls; bidi embeddings,
 * overrides, isolates and marks; zero-width spaces, word joiners, invisible operators, the BOM,
 * soft hyphen, Hangul and other blank fillers, interlinear annotation controls. (ZWJ, ZWNJ and tag
 * characters are handled by the rules below.)
 */
const NEVER_SHOWN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\u034f|\u180b|\u180c|\u180d|\u180f/gu;

/** A subdivision flag (the black flag, tag characters, the cancel tag), kept whole; any other tag character. */
const TAG_CHARACTERS = /(\u{1f3f4}[\u{e0020}-\u{e007e}]+\u{e007f})|[\u{e0000}-\u{e007f}]/gu;

/** ZWJ that does not join two emoji. */
const LONE_ZWJ =
  /(?<!\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
/**
 * ZWNJ that is not between two letters of a script that uses it (Latin, Greek, Cyrillic do not).
 * Made on first need: building its script classes takes ~0.5 ms, at every start (bench row `cold-start`).
 */
let loneZwnj: RegExp | undefined;

function withoutLoneZwnj(text: string): string {
  if (!text.includes("\u200c")) return text;
  loneZwnj ??=
    /(?<![\p{L}\p{M}])\u200c|\u200c(?![\p{L}\p{M}])|(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}])\u200c/gu;
  return text.replace(loneZwnj, "");
}

/**
 * Text safe to write to a terminal, line breaks kept (every kind becomes `\n`), tabs kept.
 * The one sanitizer: every other output helper builds on it.
 */
export function sanitize(text: string): string {
  return withoutLoneZwnj(
    text
      .replace(ESCAPE_SEQUENCE, "")
      .replace(LINE_END, "\n")
      .replace(TAG_CHARACTERS, (_tag, flag: string | undefined) => flag ?? "")
      .replace(NEVER_SHOWN, "")
      .replace(LONE_ZWJ, ""),
  );
}

/** `sanitize` on one line: line breaks become ` ⏎ `, tabs and runs of spaces one space, ends trimmed. */
export function sanitizeLine(text: string): string {
  return sanitize(text)
    .trim()
    .replace(/[ \t]*\n[ \t]*/g, " ⏎ ")
    .replace(/[ \t]+/g, " ");
}

/**
 * Characters JSON output writes as `\u` escapes (the same data, but `cat` of the file stays safe):
 * DEL, C1 controls (JSON.stringify leaves them raw), line and paragraph separators, bidi controls and
 * the invisible characters `sanitize` removes.
 */
const JSON_ESCAPED =
  /[\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\u034f|\u180b|\u180c|\u180d|\u180f/g;

/** JSON text with the characters above escaped: valid JSON meaning exactly the same value. */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
