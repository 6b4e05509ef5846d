// CommonJS: each entry through require().
const hcql = require("hcql");
const core = require("hcql/core");
const emulator = require("hcql/emulator");
const compiled = hcql.compile("status = 3 limit 5");
const again = core.compile("status = 3 limit 5");
process.stdout.write(
  JSON.stringify([
    compiled.ok && compiled.requests,
    again.ok && again.requests,
    typeof emulator.startEmulator,
  ]),
);
