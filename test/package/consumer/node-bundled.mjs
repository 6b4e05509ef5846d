// A Node program bundled by esbuild (platform node): it takes the ES modules, not the code-cached bundle.
import { compile } from "hcql";
import { format } from "hcql/core";

const compiled = compile("status = 3 limit 5");
process.stdout.write(JSON.stringify([compiled.ok && compiled.requests, format("status=3")]));
