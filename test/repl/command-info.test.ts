import { describe, expect, it } from "vitest";
import { complete } from "../../src/editor/index.js";
import { lookupField } from "../../src/language/fields.js";
import { bareCommand, COMMAND_ARGUMENTS, COMMAND_INFO, lineTip } from "../../src/repl/command-info.js";

/** The shell's commands as completion reads them: each argument completed as `.help` describes it. */
describe("the dot-commands' arguments", () => {
  const context = { commands: COMMAND_ARGUMENTS, savedNames: ["mine", "urgent"] };
  const items = (line: string) => complete(line, line.length, context).items.map((i) => i.text);

  it.each([
    [".explain status = ", ["new", "opened", "pending", "on_hold", "no_communication", "closed", "empty"]],
    [".compile rat", ["rating"]],
    [".save mine status = cl", ["closed"]],
    [".save! mine status = cl", ["closed"]],
    [".save! u", ["urgent"]],
    [".run ", ["mine", "urgent"]],
    [".unsave m", ["mine"]],
    [".format n", ["ndjson"]],
    [".x o", ["on", "off"]],
    [".pager of", ["off"]],
    [".tz Europe/Ber", ["Europe/Berlin"]],
    [".limit 2", []],
  ])("%s → %j", (line, expected) => {
    expect(items(line)).toEqual(expected);
  });

  it("names every command, with what its usage line says it takes", () => {
    expect(Object.keys(COMMAND_ARGUMENTS)).toEqual(Object.keys(COMMAND_INFO));
    for (const [name, info] of Object.entries(COMMAND_INFO)) {
      const argument = COMMAND_ARGUMENTS[name]!;
      const expected = argument.kind === "one-of" ? argument.words.join("|") : undefined;
      if (expected !== undefined) expect(info.args.replace(/^\[(.*)\]$/, "$1")).toBe(expected);
      if (argument.kind === "query") expect(info.args).toBe("<query>");
      if (argument.kind === "saved-name") expect(info.args).toBe("<name>");
      if (argument.kind === "saved-name-then-query") expect(info.args).toBe("<name> <query>");
      if (argument.kind === "time-zone") expect(info.args).toBe("<zone>");
    }
  });
});

/** Words typed alone that run a command, as other shells' users type them. */
describe("bareCommand", () => {
  it.each([
    ["exit", "exit"],
    ["quit;", "exit"],
    ["\\q", "exit"],
    ["help", "help"],
    ["?", "help"],
    ["\\?", "help"],
    ["\\x", "x"],
    ["status", undefined],
    ["help me", undefined],
  ])("%j → %s", (line, expected) => {
    expect(bareCommand(line)?.name).toBe(expected);
  });

  it.each([
    ["\\x on", { name: "x", argument: "on" }],
    ["\\X  off;", { name: "x", argument: "off" }],
    ["\\x", { name: "x", argument: "" }],
    ["exit", { name: "exit", argument: "" }],
    ["exit now", undefined],
  ])("%j takes what follows a backslash word as its argument", (line, expected) => {
    expect(bareCommand(line)).toEqual(expected);
  });
});

/** Lines from other shells' habits that are no command: the shell answers with a tip. */
describe("lineTip", () => {
  const POINTER = "type .help for the commands, .fields for the fields";
  const LISTING =
    "the chats are all there is to search: .fields lists their fields, and a query such as status = pending lists chats";
  it.each([
    ["help me", POINTER],
    ["  HELP Me; ", POINTER],
    ["help\t  me", POINTER],
    ["clear", "Ctrl-L clears the screen"],
    ["CLS;", "Ctrl-L clears the screen"],
    ["ls", LISTING],
    ["Show Tables;", LISTING],
    ["\\d", LISTING],
    ["fields", LISTING],
    ["more", ".more shows the next page of the last query"],
    ["next", ".more shows the next page of the last query"],
    // Run .help itself (bareCommand).
    ["help", undefined],
    ["?", undefined],
    ["help me please", undefined],
    ["helpme", undefined],
    ["status = new", undefined],
    ["__proto__", undefined],
  ])("%j → %s", (line, expected) => {
    expect(lineTip(line)).toBe(expected);
  });

  it.each([
    "help",
    "me",
    "clear",
    "cls",
    "ls",
    "dir",
    "list",
    "fields",
    "show",
    "tables",
    "columns",
    "more",
    "next",
  ])("no field is named %j, so no query is taken for a tip", (name) => {
    expect(lookupField(name)).toBeUndefined();
  });
});
