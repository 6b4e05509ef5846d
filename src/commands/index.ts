export {
  type CliIO,
  type Command,
  EXIT,
  fileProblem,
  isUsageError,
  shortUsage,
  type TextCommand,
  type TextIO,
  write,
} from "./common.js";
export {
  HELP_ARGS,
  type PrintingCommandName,
  printsOnly,
  type ShellCommandName,
  VERSION_ARGS,
} from "./kinds.js";
