// boilerbench's Readability.js engine, speaking the boilerbench engine protocol
// (benchmark/engines/protocol.py): one JSON object per line on stdin and stdout.
//
// First line out: the handshake {"protocol": "boilerbench-engine/1", "name", "version",
// "options"}. Then for each request {"id", "html", "url"} one reply {"id", "html": <the
// article's HTML>} or {"id", "error"}. Ends when stdin closes. No script runs and no
// resource loads: JSDOM's defaults, and a virtual console that drops the CSS and
// script errors real pages are full of.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const installed = (name) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "node_modules", name, "package.json"))).version;
const quiet = new VirtualConsole(); // nothing forwarded to our stdout

function absoluteUrl(url) {
  try {
    return new URL(url).href;
  } catch {
    return undefined; // JSDOM defaults to about:blank
  }
}

function extract(request) {
  const dom = new JSDOM(request.html || "", {
    url: absoluteUrl(request.url || ""),
    virtualConsole: quiet,
  });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return { html: article ? article.content || "" : "" };
}

async function main() {
  const send = (reply) => process.stdout.write(JSON.stringify(reply) + "\n");
  send({
    protocol: "boilerbench-engine/1",
    name: "readability-js",
    version: installed("@mozilla/readability"),
    options: { jsdom: installed("jsdom") },
  });
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    let id = null;
    try {
      const request = JSON.parse(line);
      id = request.id ?? null;
      send({ id, ...extract(request) });
    } catch (error) {
      send({ id, error: String((error && error.stack) || error).split("\n")[0] });
    }
  }
}

main().then(() => process.exit(0));
