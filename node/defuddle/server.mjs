// boilerbench's Defuddle engine, speaking the boilerbench engine protocol
// (benchmark/engines/protocol.py): one JSON object per line on stdin and stdout.
//
// Runs Defuddle the way its README shows for Node.js: the page parsed with linkedom,
// then `await Defuddle(document, url)` with its default options; the reply is the
// article's HTML (`result.content`), which the harness turns into text.
import fs from "node:fs";
import readline from "node:readline";
import { parseHTML } from "linkedom";
import { Defuddle } from "defuddle/node";

const here = new URL(".", import.meta.url);
const installed = (name) =>
  JSON.parse(fs.readFileSync(new URL(`node_modules/${name}/package.json`, here))).version;

async function extract(request) {
  const { document } = parseHTML(request.html || "");
  const url = request.url || undefined;
  const result = await Defuddle(document, url);
  return { html: (result && result.content) || "" };
}

const send = (reply) => process.stdout.write(JSON.stringify(reply) + "\n");
console.log = console.info = console.warn = console.debug = () => {}; // stdout is the protocol's
send({
  protocol: "boilerbench-engine/1",
  name: "defuddle",
  version: installed("defuddle"),
  options: { dom: `linkedom ${installed("linkedom")}` },
});
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id ?? null;
    send({ id, ...(await extract(request)) });
  } catch (error) {
    send({ id, error: String((error && error.stack) || error).split("\n")[0] });
  }
}
process.exit(0);
