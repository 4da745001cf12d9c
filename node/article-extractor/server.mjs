// boilerbench's @extractus/article-extractor engine, speaking the boilerbench engine
// protocol (benchmark/engines/protocol.py): one JSON object per line on stdin and stdout.
//
// Runs `extractFromHtml(html, url)` with its default parser options, as its README
// shows; the reply is the article's HTML (`content`; none when it finds no article, e.g.
// under its 200-character content threshold), which the harness turns into text.
// extractFromHtml fetches nothing.
import fs from "node:fs";
import readline from "node:readline";
import { extractFromHtml } from "@extractus/article-extractor";

const here = new URL(".", import.meta.url);
const installed = (name) =>
  JSON.parse(fs.readFileSync(new URL(`node_modules/${name}/package.json`, here))).version;

const send = (reply) => process.stdout.write(JSON.stringify(reply) + "\n");
console.log = console.info = console.warn = console.debug = () => {}; // stdout is the protocol's
send({
  protocol: "boilerbench-engine/1",
  name: "article-extractor",
  version: installed("@extractus/article-extractor"),
  options: { dom: `linkedom ${installed("linkedom")}` },
});
const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id ?? null;
    const article = await extractFromHtml(request.html || "", request.url || undefined);
    send({ id, html: (article && article.content) || "" });
  } catch (error) {
    send({ id, error: String((error && error.stack) || error).split("\n")[0] });
  }
}
process.exit(0);
