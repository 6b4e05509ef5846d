/** A comment: `#` to the end of its line (§1). The lexer's Comment token reads this shape. */
export const COMMENT_SHAPE = /#[^\r\n]*/;

const COMMENTS = new RegExp(COMMENT_SHAPE.source, "g");

/**
 * Whether text holds nothing but blanks and comments (a script's heading): the empty query as
 * written. A `#` inside a string leaves the string's start before it, so such text is no comment.
 */
export function onlyComments(text: string): boolean {
  return text.replace(COMMENTS, "").trim() === "";
}
