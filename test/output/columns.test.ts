import { describe, expect, it } from "vitest";
import { parseColumns, shownColumns } from "../../src/output/columns.js";
import { formatCsv } from "../../src/output/csv.js";
import { chat } from "./fixtures.js";

const TABLE_LIST =
  "the table columns are: id, status, created, closed, customer, assignee, department, message, sent, rating";

describe("parseColumns", () => {
  it.each([
    ["id,status,created", { table: ["id", "status", "created"] }],
    ["Created, ID  rating", { table: ["created", "id", "rating"] }],
    ["message", { table: ["message"] }],
  ])("table %s", (text, expected) => {
    expect(parseColumns("table", text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["id,stauts", `unknown table column 'stauts'; ${TABLE_LIST}`],
    ["createdAt", `unknown table column 'createdAt'; ${TABLE_LIST}`],
    [" , ", `no columns given; ${TABLE_LIST}`],
    ["id,ID", "the column 'id' is given twice"],
  ])("table %j is refused", (text, message) => {
    expect(parseColumns("table", text)).toEqual({ ok: false, message });
  });

  it("reads CSV's header names", () => {
    expect(parseColumns("csv", "id,customer.email,createdAt")).toEqual({
      ok: true,
      value: { csv: ["id", "customer.email", "createdAt"] },
    });
    const wrong = parseColumns("csv", "id,created");
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toMatch(
      /^unknown csv column 'created'; the csv columns are: id, status, rating, createdAt, lastMessageAt, .*, agents$/,
    );
  });

  it.each(["json", "ndjson"] as const)("%s has no columns", (format) => {
    expect(parseColumns(format, "id")).toEqual({
      ok: false,
      message: `the ${format} format has no columns to choose`,
    });
  });

  it("shows every column until some are chosen", () => {
    expect(shownColumns({}, "table").join(" ")).toBe(
      "id status created customer assignee message sent rating",
    );
    expect(shownColumns({ table: ["id"] }, "table")).toEqual(["id"]);
  });
});

describe("CSV with chosen columns", () => {
  it("writes those columns in that order", () => {
    expect(formatCsv([chat()], { columns: ["status", "id", "createdAt"] })).toBe(
      "status,id,createdAt\r\npending,5215537,2020-06-24T01:35:38Z\r\n",
    );
  });
});
