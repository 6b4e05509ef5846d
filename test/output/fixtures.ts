import type { Chat } from "../../src/language/api.js";
import { chat as pageChat } from "../support/scripted-server.js";

/** A chat with every field set (the seed page's first chat), overridable per test. */
export function chat(overrides: Partial<Record<keyof Chat, unknown>> = {}): Chat {
  return pageChat(5215537, overrides) as unknown as Chat;
}

/** 2020-06-24T12:00:00Z */
export const NOW = 1593000000;
