import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DatasetError,
  datasetFileParts,
  datasetFileText,
  generateDataset,
  parseDataset,
  parseRecord,
  serializeDataset,
  TAG_VOCABULARY,
} from "../../src/emulator/index.js";
import { shownArgument } from "../../src/language/index.js";
import { RATINGS, STATUSES } from "../../src/language/values.js";
import { emulator, get, post } from "./helpers.js";

const ANCHOR = 1_780_000_000;
const YEAR = 365 * 86_400;

describe("the dataset file", () => {
  it.each([0, 1, 2, 300])(
    "%i chats: in pieces, one a chat, that join to JSON.stringify's two-space layout of the file",
    (chats) => {
      const dataset = generateDataset({ seed: 3, chats, anchor: ANCHOR });
      const parts = [...datasetFileParts(dataset)];
      const text = parts.join("");
      expect(parts).toHaveLength(chats + 2);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(text).toBe(serializeDataset(dataset));
      expect(parseDataset(JSON.parse(text)).chats).toEqual(dataset.chats);
    },
  );
});

describe("serializeDataset past the longest string", () => {
  it("is a RangeError that says how long the text is and what writes it in pieces", () => {
    const dataset = generateDataset({ seed: 3, chats: 2, anchor: ANCHOR });
    const length = serializeDataset(dataset).length;
    expect(datasetFileText(dataset, length)).toBe(serializeDataset(dataset));
    expect(() => datasetFileText(dataset, length - 1)).toThrow(
      new RangeError(
        `the dataset file of 2 chats is ${length} characters, longer than one string can be (${length - 1}): write datasetFileParts(dataset) piece by piece`,
      ),
    );
  });
});

describe("determinism", () => {
  it("the same seed and anchor give the same data", () => {
    const a = serializeDataset(generateDataset({ seed: 7, chats: 300, anchor: ANCHOR }));
    const b = serializeDataset(generateDataset({ seed: 7, chats: 300, anchor: ANCHOR }));
    expect(a).toBe(b);
  });

  it("another seed or anchor gives other data", () => {
    const base = generateDataset({ seed: 7, chats: 300, anchor: ANCHOR }).chats;
    const seeded = generateDataset({ seed: 8, chats: 300, anchor: ANCHOR }).chats;
    const moved = generateDataset({ seed: 7, chats: 300, anchor: ANCHOR + 86_400 }).chats;
    expect(seeded.map((r) => r.chat.id)).not.toEqual(base.map((r) => r.chat.id));
    expect(moved.map((r) => r.chat.createdAt)).toEqual(base.map((r) => r.chat.createdAt + 86_400));
  });

  it("two emulators with the same seed serve the same chats", async () => {
    const [a, b] = [await emulator({ seed: 5 }), await emulator({ seed: 5 })];
    expect((await post(a, "/chats/search", { limit: 100 })).json).toEqual(
      (await post(b, "/chats/search", { limit: 100 })).json,
    );
  });

  // The demo's data (and so every example of it) changes only on purpose: generating it faster must
  // draw the same numbers in the same order.
  it("seed 1, 2,500 chats: the same data as every release before, to the byte", () => {
    const file = serializeDataset(generateDataset({ seed: 1, chats: 2500, anchor: 1_750_000_000 }));
    expect(createHash("sha256").update(file).digest("hex")).toBe(
      "328250c62e28e905e114addadeeb7cfd55ce987347c28da214375473583af575",
    );
  });

  const ANCHORS =
    "anchor must be UNIX seconds from 31536000 (1971-01-01) to 253402300799 (9999-12-31T23:59:59Z)";

  it.each([
    [1_796_649_323_782, `${ANCHORS}, not 1796649323782: milliseconds? In seconds that is 1796649323`],
    [253_402_300_800, `${ANCHORS}, not 253402300800`],
    [31_535_999, `${ANCHORS}, not 31535999`],
    [1.5e9 + 0.5, `${ANCHORS}, not 1500000000.5`],
    ["1750000000", `${ANCHORS}, not "1750000000"`],
  ])("refuses the anchor %j with a RangeError saying so", (anchor, message) => {
    expect(() => generateDataset({ chats: 1, anchor: anchor as number })).toThrow(new RangeError(message));
  });

  it.each([["x"], [Number.NaN], [2 ** 32], [2 ** 40], [1.5], [-1], [null]])(
    "refuses the seed %j with a RangeError giving the range",
    (seed) => {
      expect(() => generateDataset({ chats: 1, anchor: ANCHOR, seed: seed as number })).toThrow(
        new RangeError(`seed must be an integer from 0 to 4294967295, not ${shownArgument(seed)}`),
      );
    },
  );

  it("takes every seed from 0 to 2 ** 32 - 1, each its own data", () => {
    const ids = (seed: number) =>
      generateDataset({ chats: 3, anchor: ANCHOR, seed }).chats.map((r) => r.chat.id);
    expect(ids(2 ** 32 - 1)).not.toEqual(ids(0));
  });

  it("takes an anchor up to the last second of the year 9999", () => {
    const { chats } = generateDataset({ chats: 5, anchor: 253_402_300_799 });
    expect(Math.max(...chats.map((r) => r.chat.createdAt))).toBeLessThanOrEqual(253_402_300_799);
  });

  it("defaults: 2,500 chats, anchored at the start time", () => {
    const before = Math.floor(Date.now() / 1000);
    const { chats } = generateDataset();
    const latest = Math.max(...chats.map((r) => r.chat.createdAt));
    expect(chats).toHaveLength(2500);
    expect(latest).toBeGreaterThan(before - 30 * 86_400);
    expect(latest).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });
});

describe("realism of the default dataset", () => {
  const data = generateDataset({ anchor: ANCHOR });
  const chats = data.chats.map((r) => r.chat);
  const texts = chats.flatMap((c) => [
    c.lastMessageText ?? "",
    c.customer.name ?? "",
    c.assignee?.name ?? "",
  ]);

  it.each(STATUSES.map((s) => s.apiName))("has chats with status %s", (name) => {
    expect(chats.some((c) => c.status === name)).toBe(true);
  });

  it.each([...RATINGS, null])("has chats rated %s", (rating) => {
    expect(chats.some((c) => c.rating === rating)).toBe(true);
  });

  it.each([
    ["unassigned chats", () => chats.some((c) => c.assignee === null)],
    ["chats without a department", () => chats.some((c) => c.department === null)],
    ["customers without email", () => chats.some((c) => c.customer.email === null)],
    ["customers without userId", () => chats.some((c) => c.customer.userId === null)],
    ["chats no agent wrote in", () => chats.some((c) => c.agents.length === 0)],
    ["chats several agents wrote in", () => chats.some((c) => c.agents.length >= 2)],
    ["open chats without closedAt", () => chats.some((c) => c.status !== "closed" && c.closedAt === null)],
    [
      "closed chats with closedAt",
      () => chats.filter((c) => c.status === "closed").every((c) => c.closedAt !== null),
    ],
    [
      "only closed chats have closedAt",
      () => chats.every((c) => (c.closedAt === null) === (c.status !== "closed")),
    ],
    ["chats without lastCustomerMessageAt", () => chats.some((c) => c.lastCustomerMessageAt === null)],
    ["customers with tags", () => data.chats.some((r) => r.tags.length >= 2)],
    ["customers without tags", () => data.chats.some((r) => r.tags.length === 0)],
    [
      "tags from the vocabulary",
      () => data.chats.every((r) => r.tags.every((t) => TAG_VOCABULARY.includes(t as never))),
    ],
    [
      "every tag of the vocabulary",
      () => TAG_VOCABULARY.every((t) => data.chats.some((r) => r.tags.includes(t))),
    ],
    ["chats created in the same second", () => new Set(chats.map((c) => c.createdAt)).size < chats.length],
    ["unique chat ids", () => new Set(chats.map((c) => c.id)).size === chats.length],
    ["Cyrillic", () => texts.some((t) => /\p{Script=Cyrillic}/u.test(t))],
    ["CJK", () => texts.some((t) => /\p{Script=Han}/u.test(t))],
    ["Arabic", () => texts.some((t) => /\p{Script=Arabic}/u.test(t))],
    ["Latin with accents", () => texts.some((t) => /[àáâçéèëïñöüßøåæ]/i.test(t))],
    ["emoji", () => texts.some((t) => /\p{Extended_Pictographic}/u.test(t))],
    ["line breaks", () => texts.some((t) => t.includes("\n"))],
    [
      "timestamps in the 365 days before the anchor",
      () =>
        data.chats.every((r) =>
          [
            r.chat.createdAt,
            r.chat.closedAt,
            r.chat.lastMessageAt,
            r.chat.lastCustomerMessageAt,
            r.updatedAt,
          ].every((t) => t === null || (t >= ANCHOR - YEAR && t <= ANCHOR)),
        ),
    ],
    [
      "updatedAt no earlier than the chat's other times",
      () =>
        data.chats.every(
          (r) => r.updatedAt >= Math.max(r.chat.createdAt, r.chat.lastMessageAt ?? 0, r.chat.closedAt ?? 0),
        ),
    ],
    [
      "about 12 agents with ids, names, emails, roles",
      () => data.agents.length === 12 && data.agents.every((a) => a.id > 0 && a.name && a.role),
    ],
    [
      "departments with agents",
      () => data.departments.length >= 3 && data.departments.every((d) => d.agents.length > 0),
    ],
  ])("%s", (_, holds) => {
    expect(holds()).toBe(true);
  });
});

describe("the --data format", () => {
  it("export and load round-trip", () => {
    const data = generateDataset({ seed: 3, chats: 200, anchor: ANCHOR });
    const text = serializeDataset(data);
    const loaded = parseDataset(JSON.parse(text));
    expect(loaded).toEqual(data);
    expect(serializeDataset(loaded)).toBe(text);
    expect(Object.keys(JSON.parse(text))).toEqual(["format", "version", "agents", "departments", "chats"]);
  });

  it("an emulator loading the export serves the same answers", async () => {
    const generated = await emulator({ seed: 9, chats: 150 });
    const loaded = await emulator({ data: JSON.parse(serializeDataset(generated.dataset)) });
    const body = {
      filter: [{ field: "chats.customer.tagsData", operator: "=", value: [{ name: "VIP" }] }],
      limit: 100,
    };
    expect((await post(loaded, "/chats/search", body)).json).toEqual(
      (await post(generated, "/chats/search", body)).json,
    );
    expect((await get(loaded, "/departments")).json).toEqual((await get(generated, "/departments")).json);
  });

  it("a minimal record gets defaults; timestamps may be digit strings", () => {
    expect(
      parseRecord({ chat: { id: 1, status: "on_hold", createdAt: "1592962538", customer: { id: 2 } } }),
    ).toEqual({
      chat: {
        id: 1,
        closedBy: null,
        lastCustomerMessageAt: null,
        status: "on hold",
        closedAt: null,
        rating: null,
        createdAt: 1592962538,
        lastMessageAt: null,
        snoozedUntil: null,
        lastMessageText: null,
        lastMessageId: null,
        lastCommunicatedAgentId: null,
        agents: [],
        customer: { id: 2, name: null, email: null, userId: null },
        assignee: null,
        department: null,
      },
      tags: [],
      updatedAt: 1592962538,
    });
  });

  it("agents and departments default to those the chats mention", () => {
    const agent = { id: 5, name: "A", email: null, role: "admin" };
    const data = parseDataset([
      {
        chat: {
          id: 1,
          status: 3,
          createdAt: 10,
          customer: { id: 2 },
          assignee: agent,
          department: { id: 9, name: "D" },
        },
      },
      { chat: { id: 2, status: "new", createdAt: 11, customer: { id: 2 }, agents: [{ id: 4 }] } },
    ]);
    expect([data.agents, data.departments]).toEqual([
      [{ id: 4, name: null, email: null, role: "agent" }, agent],
      [{ id: 9, name: "D", agents: [5] }],
    ]);
  });

  it.each([
    [{}, "chats: expected an array"],
    [{ format: "other", chats: [] }, 'format: expected "hcql-emulator-dataset"'],
    [{ version: 2, chats: [] }, "version: expected 1"],
    [[{}], "chats[0].chat: expected an object"],
    [
      [{ chat: { status: "new", createdAt: 1, customer: { id: 1 } } }],
      "chats[0].chat.id: expected an integer id",
    ],
    [
      [{ chat: { id: 1, status: "snoozed", createdAt: 1, customer: { id: 1 } } }],
      'chats[0].chat.status: unknown status "snoozed"; use one of "new", "opened", "pending", "on hold", "no communication", "closed", "empty"',
    ],
    [
      [{ chat: { id: 1, status: "new", createdAt: "yesterday", customer: { id: 1 } } }],
      "chats[0].chat.createdAt: expected UNIX seconds (an integer or a string of digits)",
    ],
    [[{ chat: { id: 1, status: "new", createdAt: 1 } }], "chats[0].chat.customer: expected an object"],
    [
      [{ chat: { id: 1, status: "new", createdAt: 1, customer: { id: 1 }, rating: "meh" } }],
      'chats[0].chat.rating: unknown rating "meh"; use one of great, average, poor or null',
    ],
    [
      [{ chat: { id: 1, status: "new", createdAt: 1, customer: { id: 1, email: 5 } } }],
      "chats[0].chat.customer.email: expected a string or null",
    ],
    [
      [{ chat: { id: 1, status: "new", createdAt: 1, customer: { id: 1 } }, tags: [1] }],
      "chats[0].tags[0]: expected a string",
    ],
    [
      [
        { chat: { id: 1, status: "new", createdAt: 1, customer: { id: 1 } } },
        { chat: { id: 1, status: "new", createdAt: 2, customer: { id: 1 } } },
      ],
      "chats[1].chat.id: duplicate chat id 1",
    ],
  ])("rejects %j", (value, message) => {
    expect(() => parseDataset(value)).toThrow(new DatasetError(message));
  });

  it("startEmulator rejects bad data before listening", async () => {
    await expect(emulator({ data: [{ chat: {} }] })).rejects.toThrow(DatasetError);
  });
});
