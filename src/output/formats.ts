/** The output formats of `hcql run` and the shell (their own module: naming one loads no formatter). */
export const OUTPUT_FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name);
}

/** The formats as a sentence names them: `table, json, ndjson or csv`. */
export const FORMAT_NAMES = `${OUTPUT_FORMATS.slice(0, -1).join(", ")} or ${OUTPUT_FORMATS.at(-1)}`;

/** What `hcql run`, the shell's `--format` and its `.format` say of a name that is not a format. */
export function unknownFormatMessage(name: string): string {
  return `unknown format '${name}'; use ${FORMAT_NAMES}`;
}
