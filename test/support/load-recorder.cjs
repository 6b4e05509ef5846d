// Preloaded with `node -r` by test/commands/startup.test.ts: on exit, writes to stderr the files the
// process required and whether it loaded any ES module (Node loads its module job code only for those).
const { writeSync } = require("node:fs");

process.on("exit", () => {
  const files = Object.keys(require.cache).filter((file) => file !== __filename);
  const esModules = process.moduleLoadList.includes("NativeModule internal/modules/esm/module_job");
  writeSync(2, `\nLOADED ${JSON.stringify({ files, esModules })}\n`);
});
