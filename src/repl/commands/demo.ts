import type { Handler } from "./handler.js";

/** `.demo`: back to the generated chats of the built-in emulator. */
export const demo: Handler = async (session) => {
  if (session.connection?.mode === "demo") {
    session.note("already on the demo data");
    return;
  }
  session.switchTo(await session.hooks.demo());
  session.note("demo: the generated chats of the built-in emulator");
};
