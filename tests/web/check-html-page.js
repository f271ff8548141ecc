"use strict";
// Loads an HTML report in headless Chromium and checks what a reader would get. The page must
// log no console error, throw no uncaught exception, request nothing beyond the file itself and
// open no dialog, since an alert() from model output would mean injected script ran. It must
// draw the expected chart bars, contain no element that only injected markup could have made,
// and show the given strings as text.
//
// Usage: node check-html-page.js --chromium PATH --page FILE.html [--bars N] [--bins N]
//          [--text STRING]...
// Exits 0 when every check passes, 1 with each failed check on stderr.

const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { Browser, withTimeout } = require("./cdp-pipe");

function parseArguments(argv) {
  const options = { texts: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === "--chromium") options.chromium = value;
    else if (name === "--page") options.page = path.resolve(value);
    else if (name === "--bars") options.bars = Number(value);
    else if (name === "--bins") options.bins = Number(value);
    else if (name === "--text") options.texts.push(value);
    else throw new Error(`unknown option ${name}`);
  }
  if (!options.chromium || !options.page) throw new Error("--chromium and --page are required");
  return options;
}

// Runs in the page: the facts the checks compare. Elements listed in `unexpected` never occur
// in a report, so any of them comes from markup that escaped escaping.
function pageFacts() {
  const unexpected = "img, iframe, b, textarea, object, embed, form, input, base, svg svg, " +
    "body style, body link, body meta, [onerror], [onload], [onclick]";
  return {
    bars: document.querySelectorAll("#pattern-chart g.bar").length,
    bins: document.querySelectorAll("#score-chart g.bin").length,
    drawnBars: [...document.querySelectorAll("#pattern-chart rect.bar-fail")]
      .filter((rect) => Number(rect.getAttribute("width")) > 0).length,
    scripts: document.scripts.length,
    styles: document.querySelectorAll("style").length,
    unexpected: [...document.querySelectorAll(unexpected)].map((element) => element.outerHTML),
    bodyVisible: getComputedStyle(document.body).display !== "none",
    text: document.body.innerText,
  };
}

// Records every event that counts against the page.
function watchPage(browser, sessionId, pageUrl, problems) {
  browser.onEvent((event) => {
    if (event.sessionId !== sessionId) return;
    const { method, params } = event;
    if (method === "Runtime.consoleAPICalled" && ["error", "assert", "warning"].includes(params.type)) {
      problems.push(`console ${params.type}: ${params.args.map((a) => a.value).join(" ")}`);
    } else if (method === "Runtime.exceptionThrown") {
      problems.push(`uncaught exception: ${params.exceptionDetails.text}`);
    } else if (method === "Log.entryAdded" && ["error", "warning"].includes(params.entry.level)) {
      problems.push(`browser log ${params.entry.level}: ${params.entry.text}`);
    } else if (method === "Network.requestWillBeSent" && params.request.url !== pageUrl &&
               !params.request.url.startsWith("data:")) {
      problems.push(`request for ${params.request.url}`);
    } else if (method === "Page.javascriptDialogOpening") {
      problems.push(`dialog opened by script: ${params.type} "${params.message}"`);
      browser.send("Page.handleJavaScriptDialog", { accept: true }, sessionId).catch(() => {});
    }
  });
}

async function loadPage(browser, pageUrl, problems) {
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  watchPage(browser, sessionId, pageUrl, problems);
  for (const domain of ["Page", "Runtime", "Log", "Network"]) {
    await browser.send(`${domain}.enable`, {}, sessionId);
  }
  const loaded = new Promise((resolve) => browser.onEvent((event) => {
    if (event.sessionId === sessionId && event.method === "Page.loadEventFired") resolve();
  }));
  await browser.send("Page.navigate", { url: pageUrl }, sessionId);
  await withTimeout(loaded, 30000, `${pageUrl} did not finish loading in 30 s`);
  // Give late console messages and errors a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const { result } = await browser.send("Runtime.evaluate",
    { expression: `(${pageFacts.toString()})()`, returnByValue: true }, sessionId);
  return result.value;
}

function compareFacts(facts, options, problems) {
  if (options.bars !== undefined && facts.bars !== options.bars)
    problems.push(`pattern chart has ${facts.bars} bars, expected ${options.bars}`);
  if (options.bars !== undefined && facts.drawnBars === 0)
    problems.push("no bar of the pattern chart has a width");
  if (options.bins !== undefined && facts.bins !== options.bins)
    problems.push(`score chart has ${facts.bins} bins, expected ${options.bins}`);
  if (facts.scripts !== 2)
    problems.push(`page has ${facts.scripts} script elements, expected the report's 2`);
  if (facts.styles !== 1) problems.push(`page has ${facts.styles} style elements, expected 1`);
  for (const element of facts.unexpected) problems.push(`injected element: ${element}`);
  if (!facts.bodyVisible) problems.push("the body is hidden: an injected style applied");
  for (const text of options.texts) {
    if (!facts.text.includes(text)) problems.push(`text not shown: ${text}`);
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const pageUrl = pathToFileURL(options.page).href;
  const browser = new Browser(options.chromium);
  const problems = [];
  try {
    const facts = await withTimeout(loadPage(browser, pageUrl, problems), 60000,
      "the browser did not answer in 60 s");
    compareFacts(facts, options, problems);
  } catch (error) {
    problems.push(`${error.message}\n${browser.stderr.slice(-2000)}`);
  } finally {
    await withTimeout(browser.close(), 10000, "the browser did not close").catch(() => {});
  }
  for (const problem of problems) console.error(`${options.page}: ${problem}`);
  console.log(`${options.page}: ${problems.length === 0 ? "ok" : `${problems.length} problems`}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error.stack);
  process.exitCode = 1;
});
