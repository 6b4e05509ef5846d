import { describe, expect, it } from "vitest";
import {
  editDistance,
  foldName,
  namesMatching,
  nearestListed,
  nearestName,
  nearestValue,
} from "../../src/language/names.js";

describe("did-you-mean", () => {
  it.each([
    ["status", "status", 0],
    ["stauts", "status", 1],
    ["STATUS", "status", 0],
    ["rating", "ratign", 1],
    ["", "abc", 3],
    ["kitten", "sitting", 3],
  ])("editDistance(%j, %j) = %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it.each([
    ["stauts", "status"],
    ["asignee", "assignee"],
    ["weak", "week"],
    ["xyz", undefined],
    // Past a typo's reach, the one name a word begins: the word is a name cut short.
    ["stat", "status"],
    ["ASSIG", "assignee"],
    ["lastMess", "lastMessageAt"],
    // ...when it is one name only, and three letters or more.
    ["last", undefined],
    ["st", undefined],
  ])("nearestName(%j) = %j", (name, expected) => {
    expect(
      nearestName(name, ["status", "assignee", "week", "rating", "lastMessageAt", "lastCustomerMessageAt"]),
    ).toBe(expected);
  });
});

describe("nearestValue: the nearest of a few fixed values", () => {
  it.each([
    ["grate", "great"],
    ["avrage", "average"],
    ["yesterdy", "yesterday"],
    ["tody", "today"],
    ["good", undefined],
    ["gr", undefined],
    ["xyzzy", undefined],
  ])("nearestValue(%j) = %j", (name, expected) => {
    expect(nearestValue(name, ["great", "average", "poor", "now", "today", "yesterday"])).toBe(expected);
  });
});

describe("nearestListed: a value of a field's closed list", () => {
  it.each([
    ["grate", "great"],
    ["pore", "poor"],
    ["POOT", "poor"],
    ["good", undefined],
    ["gret", "great"],
    ["avge", undefined],
    ["por", "poor"],
  ])("nearestListed(%j) = %j", (name, expected) => {
    expect(nearestListed(name, ["great", "average", "poor"])).toBe(expected);
  });

  it("gives keywords no such reach: 'also' is not 'asc'", () => {
    expect(nearestValue("also", ["and", "or", "asc", "desc"])).toBeUndefined();
  });
});

describe("names of agents and departments", () => {
  const known = [
    { id: 1, name: "Zoë Müller" },
    { id: 2, name: "Zoe" },
    { id: 3, name: "Anna Zoe Li" },
    { id: 4, name: null },
    { id: 5, name: "王芳" },
  ];

  it.each([
    ["Zoë Müller", "zoe muller"],
    ["ÉLODIE", "elodie"],
    ["王芳", "王芳"],
  ])("foldName(%j) = %j", (text, folded) => {
    expect(foldName(text)).toBe(folded);
  });

  it.each([
    ["zoe", [2]],
    ["ZOË", [2]],
    ["müller", [1]],
    ["zoe muller", [1]],
    ["li", [3]],
    ["王芳", [5]],
    ["  ", []],
    ["nobody", []],
  ])("namesMatching(%j): the whole name first, else one of its words", (written, ids) => {
    expect(namesMatching(written, known).map((n) => n.id)).toEqual(ids);
  });
});
