import type { Handler } from "./handler.js";

/** `.tz [zone]`: the time zone of dates in queries and of times shown. */
export const tz: Handler = async (session, arg) => {
  const zone = arg.trim();
  if (zone === "") {
    session.out(`time zone: ${session.timeZone}`);
    return;
  }
  if (session.setTimeZone(zone)) session.note(`time zone: ${session.timeZone}`);
};
