import { describe, expect, it } from "vitest";
import { editDistance, nearestName, nearestValue } from "../../src/language/names.js";

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
  ])("nearestName(%j) = %j", (name, expected) => {
    expect(nearestName(name, ["status", "assignee", "week", "rating"])).toBe(expected);
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
