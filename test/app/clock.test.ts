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
    // An offset written as a zone: IANA's fixed zone of the opposite sign.
    [
      "UTC+1",
      {
        ok: false,
        message:
          "unknown time zone 'UTC+1' (did you mean Etc/GMT-1? IANA writes a fixed offset's sign the other way; a place's zone, such as Europe/Berlin, also keeps its summer time)",
      },
    ],
    [
      "-05:00",
      {
        ok: false,
        message:
          "unknown time zone '-05:00' (did you mean Etc/GMT+5? IANA writes a fixed offset's sign the other way; a place's zone, such as Europe/Berlin, also keeps its summer time)",
      },
    ],
    ["+00:00", { ok: false, message: "unknown time zone '+00:00' (did you mean UTC?)" }],
    [
      "+05:30",
      {
        ok: false,
        message:
          "unknown time zone '+05:30' (IANA has no zone of a fixed offset in minutes: use a place's zone, such as Asia/Kolkata)",
      },
    ],
    [
      "+15",
      { ok: false, message: "unknown time zone '+15' (use an IANA name such as Europe/Berlin or UTC)" },
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
