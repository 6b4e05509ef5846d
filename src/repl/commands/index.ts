import type { CommandName } from "../command-info.js";
import { columns } from "./columns.js";
import { compile } from "./compile.js";
import { demo } from "./demo.js";
import { edit } from "./edit.js";
import { exit } from "./exit.js";
import { expanded } from "./expanded.js";
import { explain } from "./explain.js";
import { fields } from "./fields.js";
import { fix } from "./fix.js";
import { format } from "./format.js";
import type { Handler } from "./handler.js";
import { help } from "./help.js";
import { key } from "./key.js";
import { limit } from "./limit.js";
import { maxrequests } from "./maxrequests.js";
import { more } from "./more.js";
import { open } from "./open.js";
import { pager } from "./pager.js";
import { run } from "./run.js";
import { save, saveReplacing } from "./save.js";
import { saved } from "./saved.js";
import { tz } from "./tz.js";
import { unsave } from "./unsave.js";

/** The code of each dot-command, by name (their arguments and help are in command-info.ts). */
export const HANDLERS: Readonly<Record<CommandName, Handler>> = {
  help,
  explain,
  compile,
  fields,
  format,
  columns,
  edit,
  x: expanded,
  pager,
  limit,
  maxrequests,
  more,
  fix,
  open,
  tz,
  key,
  demo,
  save,
  "save!": saveReplacing,
  unsave,
  run,
  saved,
  exit,
};
