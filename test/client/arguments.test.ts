import { describe, expect, it } from "vitest";
import {
  type ClientOptions,
  type CountClient,
  compile,
  countChats,
  createClient,
  executePlan,
  locateFilterErrors,
  type PlanClient,
  type SearchBody,
  streamPlan,
} from "../../src/index.js";

/**
 * The client and plan execution called from plain JavaScript with the wrong kind of argument: a
 * TypeError naming the function and what it takes, not one from deep inside.
 */

const KEY = "sk_live_9f8e7d6c5b4a3210";
const CLIENT = createClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:9", retries: 0 });
const PLANNED = compile("status = pending", { now: 1_750_000_000 });
const COUNTED = compile("count by status", { now: 1_750_000_000 });

describe("createClient", () => {
  it.each([
    ["secret-key", "a string"],
    [12345, "a number"],
    [[KEY], "an array"],
  ])("refuses options that are %j, saying it takes an object", (options, said) => {
    expect(() => createClient(options as unknown as ClientOptions)).toThrow(
      new TypeError(`hcql: createClient takes its options as an object ({apiKey, …}), not ${said}`),
    );
  });

  it.each([
    [12345, "apiKey must be a string, not a number"],
    [{ key: KEY }, "apiKey must be a string, not an object"],
  ])("refuses the apiKey %j, saying it must be a string", (apiKey, message) => {
    expect(() => createClient({ apiKey } as unknown as ClientOptions)).toThrow(new TypeError(message));
  });

  it.each([
    ["timeoutMs", "1000", 'timeoutMs must be an integer of at least 1, not "1000"'],
    ["retries", "5", 'retries must be an integer of at least 0, not "5"'],
  ])("quotes a count option %s given as a string", (name, value, message) => {
    expect(() => createClient({ apiKey: KEY, [name]: value })).toThrow(new RangeError(message));
  });
});

describe("the client's calls", () => {
  it.each([
    [
      "searchBody",
      () => CLIENT.searchBody(undefined as unknown as SearchBody),
      "the request body as an object",
    ],
    ["pages", () => CLIENT.pages(null as unknown as SearchBody).next(), "the request body as an object"],
    [
      "search",
      () => CLIENT.search("status = 1" as unknown as SearchBody),
      "a request body or an array of them",
    ],
  ])("%s refuses a body that is none", async (name, call, what) => {
    const said = name === "searchBody" ? "undefined" : name === "pages" ? "null" : "a string";
    await expect(call()).rejects.toThrow(new TypeError(`hcql: ${name} takes ${what}, not ${said}`));
  });

  it("getChat quotes an id given as a string", async () => {
    await expect(CLIENT.getChat("7" as unknown as number)).rejects.toThrow(
      new RangeError('a chat id is a whole number from 1 to 9007199254740991, not "7"'),
    );
  });
});

describe("plan execution", () => {
  it.each([
    ["executePlan", () => executePlan(undefined as unknown as PlanClient, PLANNED), "undefined"],
    ["executePlan", () => executePlan({} as PlanClient, PLANNED), "an object"],
    ["streamPlan", () => streamPlan(null as unknown as CountClient, PLANNED).next(), "null"],
    ["countChats", () => countChats("client" as unknown as CountClient, COUNTED), "a string"],
  ])("%s refuses a client that is none", async (name, call, said) => {
    await expect(call()).rejects.toThrow(
      new TypeError(`hcql: ${name} takes a client (createClient's) first, not ${said}`),
    );
  });

  it.each([
    ["executePlan", () => executePlan(CLIENT, null as unknown as typeof PLANNED)],
    ["streamPlan", () => streamPlan(CLIENT, "status = 1" as unknown as typeof PLANNED).next()],
  ])("%s refuses a plan that is none", async (name, call) => {
    await expect(call()).rejects.toThrow(
      new TypeError(
        `hcql: ${name} takes a plan or a compile result, not ${name === "executePlan" ? "null" : "a string"}`,
      ),
    );
  });
});

describe("locateFilterErrors", () => {
  it("refuses errors that are not an array", () => {
    expect(() => locateFilterErrors(undefined as unknown as [], { filter: [] })).toThrow(
      new TypeError("hcql: locateFilterErrors takes the API's errors as an array, not undefined"),
    );
  });

  it("refuses a body without a filter", () => {
    expect(() => locateFilterErrors([], {} as SearchBody)).toThrow(
      new TypeError(
        "hcql: locateFilterErrors takes the request body as an object with a filter array, not an object",
      ),
    );
  });
});
