import { describe, expect, it } from "vitest";
import { GROUPABLE_IN_CHATS } from "../../src/client/count.js";
import { GROUP_FIELDS } from "../../src/language/fields.js";

describe("countChats: what it groups by", () => {
  it("reads a value from the chats for every field the table lets count by group by, and for no other", () => {
    expect([...GROUPABLE_IN_CHATS].sort()).toEqual(GROUP_FIELDS.map((field) => field.name).sort());
  });
});
