import pc from "picocolors";
import type { CompletionItem } from "../editor/index.js";
import { pad, width as textWidth, truncate } from "../output/index.js";

/**
 * The items of an ambiguous Tab in columns across the terminal, each detail dimmed beside its
 * text (an agent's name beside the id), the details of a column aligned; wide characters count as
 * two columns.
 */
export function listCompletions(items: readonly CompletionItem[], width: number, color: boolean): string {
  const c = pc.createColors(color);
  const cells = items.map((i) => ({ text: i.text, detail: i.detail ?? "" }));
  const textColumn = Math.max(...cells.map((cell) => textWidth(cell.text)));
  const detailColumn = Math.max(...cells.map((cell) => textWidth(cell.detail)));
  const natural = textColumn + (detailColumn === 0 ? 0 : 2 + detailColumn) + 2;
  const column = Math.min(natural, Math.max(10, width - 1));
  const perRow = Math.max(1, Math.floor((width - 1) / column));
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += perRow) {
    const row = cells.slice(i, i + perRow).map((cell) => {
      const room = column - 2;
      const text = truncate(cell.text, room);
      const placed = pad(text, Math.min(textColumn, room));
      const detailRoom = room - textWidth(placed) - 2;
      const detail = cell.detail === "" || detailRoom < 1 ? "" : truncate(cell.detail, detailRoom);
      const plain = detail === "" ? text : `${placed}  ${detail}`;
      const painted = detail === "" ? text : `${placed}  ${c.dim(detail)}`;
      return painted + pad("", column - textWidth(plain));
    });
    rows.push(row.join("").trimEnd());
  }
  return rows.join("\n");
}
