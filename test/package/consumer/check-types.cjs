// Usage: node check-types.cjs <typescript's path> <config>...: each tsconfig's diagnostics, as JSON.
// One process for every configuration, with one cache of parsed files: the library's declarations,
// Node's types and TypeScript's own are read once, not once per configuration.
const ts = require(process.argv[2]);

const parsed = new Map();
const results = {};
for (const config of process.argv.slice(3)) {
  const { options, fileNames, errors } = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => errors.push(d),
    },
  );
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (fileName, language, ...rest) => {
    // Parsing and binding follow the language settings; only configurations that share them share files.
    const key = `${options.target}|${options.module}|${options.moduleResolution}|${JSON.stringify(language)}:${fileName}`;
    if (!parsed.has(key)) parsed.set(key, read.call(host, fileName, language, ...rest));
    return parsed.get(key);
  };
  const program = ts.createProgram({ rootNames: fileNames, options, host });
  const diagnostics = [...errors, ...ts.getPreEmitDiagnostics(program)];
  results[config] = diagnostics.map((d) =>
    ts.formatDiagnostic(d, { ...host, getNewLine: () => "\n" }).trim(),
  );
}
process.stdout.write(JSON.stringify(results));
