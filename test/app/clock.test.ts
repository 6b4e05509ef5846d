import { describe, expect, it } from "vitest";
import { checkTimeZone } from "../../src/app/clock.js";

describe("checkTimeZone: a time zone by name", () => {
  it.each([
    ["Europe/Berlin", { ok: true, value: "Europe/Berlin" }],
    ["  UTC ", { ok: true, value: "UTC" }],
    ["", { ok: false, message: "the time zone needs an IANA name such as Europe/Berlin" }],
    // A city alone names its zone.
    ["berlin", { ok: false, message: "unknown time zone 'berlin' (did you mean Europe/Berlin?)" }],
    ["new york", { ok: false, message: "unknown time zone 'new york' (did you mean America/New_York?)" }],
    // A zone's name misspelt.
    [
      "Europe/Berln",
      { ok: false, message: "unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?)" },
    ],
    [
      "America/NewYork",
      { ok: false, message: "unknown time zone 'America/NewYork' (did you mean America/New_York?)" },
    ],
    [
      "Mars/Olympus",
      {
        ok: false,
        message: "unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/Berlin or UTC)",
      },
    ],
  ])("%j", (name, expected) => {
    expect(checkTimeZone(name)).toEqual(expected);
  });
});
