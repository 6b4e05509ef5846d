import { describe, expect, it } from "vitest";
import { displayUrl } from "../../src/text/url.js";

describe("displayUrl shows no secret a URL may carry", () => {
  it.each([
    ["https://api.helpcrunch.com/v1", "https://api.helpcrunch.com/v1"],
    ["https://user:PASSWORD@api.example.com/v1", "https://api.example.com/v1"],
    ["https://api.example.com/v1?token=SECRET", "https://api.example.com/v1"],
    ["https://api.example.com/v1#SECRET", "https://api.example.com/v1"],
    ["http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1/"],
    ["https://api.example.com", "https://api.example.com"],
    ["sk_live_9f8e7d6c5b4a3210", "(not a URL)"],
    ["", "(not a URL)"],
    ["mailto:SECRET@example.com", "mailto:…"],
    ["https://api.example.com/v1/%1B%5D0;x%07", "https://api.example.com/v1/%1B%5D0;x%07"],
  ])("%s → %s", (text, shown) => {
    expect(displayUrl(text)).toBe(shown);
  });
});
