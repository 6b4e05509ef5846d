/**
 * Text broken at spaces into lines of at most `width` columns, the lines after the first starting
 * with `indent`; a word longer than a line stays whole. Counted in UTF-16 units, one column each:
 * for the program's own sentences (ASCII), where a user's word may make a line a little long, never
 * cut.
 */
export function wrapWords(text: string, width: number, indent = ""): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line: string | undefined;
  for (const word of text.split(" ")) {
    const room = width - (lines.length === 0 ? 0 : indent.length);
    if (line !== undefined && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === undefined ? word : `${line} ${word}`;
  }
  lines.push(line ?? "");
  return lines.map((l, i) => (i === 0 ? l : indent + l));
}

/**
 * The program's own sentences fitted to a terminal `columns` wide: each line broken at spaces with a
 * column to spare (a full last column makes some terminals wrap), its later lines indented two; as
 * they are when there is no terminal (`columns` undefined).
 */
export function fitToColumns(text: string, columns: number | undefined): string {
  if (!columns) return text;
  return text
    .split("\n")
    .map((line) => wrapWords(line, columns - 1, "  ").join("\n"))
    .join("\n");
}
