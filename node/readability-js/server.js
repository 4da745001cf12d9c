// boilerbench's Readability.js engine: a long-lived extraction server.
//
// Reads one JSON object per line on stdin, {"html": ..., "url": ...}, and answers one
// JSON line per page on stdout: {"html": <the article's HTML>} or {"error": ...}.
// Started once per worker process (Node's start-up costs more than a page) and ends
// when stdin closes. No script runs and no resource loads: JSDOM's defaults, and a
// virtual console that drops the CSS and script errors real pages are full of.
"use strict";

const readline = require("node:readline");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

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

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let reply;
  try {
    reply = extract(JSON.parse(line));
  } catch (error) {
    reply = { error: String((error && error.stack) || error).split("\n")[0] };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
lines.on("close", () => process.exit(0));
