"use strict";
// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe, using only Node's
// built-in modules: Chromium reads commands from its file descriptor 3 and writes replies and
// events to descriptor 4, each message a JSON text ended by a NUL byte. No port is opened.

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

// Flags for a headless browser that reaches no network service of its own accord.
const kChromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--hide-scrollbars",
  "--remote-debugging-pipe",
];

class Browser {
  constructor(executable) {
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), "respgrade-chromium-"));
    this.process = spawn(executable, [...kChromiumFlags, `--user-data-dir=${this.profile}`,
      "about:blank"], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
    this.stderr = "";
    this.process.stderr.on("data", (chunk) => { this.stderr += chunk; });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.buffer = Buffer.alloc(0);
    this.process.stdio[4].on("data", (chunk) => this.receive(chunk));
    this.closed = new Promise((resolve) => this.process.on("exit", resolve));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let end;
    while ((end = this.buffer.indexOf(0)) >= 0) {
      const message = JSON.parse(this.buffer.subarray(0, end).toString("utf8"));
      this.buffer = this.buffer.subarray(end + 1);
      if (message.id !== undefined && this.pending.has(message.id)) {
        const { resolve, reject, method } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners) listener(message);
      }
    }
  }

  // Sends one command, to the browser or, with `sessionId`, to an attached page.
  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    this.process.stdio[3].write(JSON.stringify(message) + "\0");
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  // Calls `listener` with every event until the browser closes.
  onEvent(listener) {
    this.listeners.push(listener);
  }

  async close() {
    try {
      await this.send("Browser.close");
    } catch (error) {
      this.process.kill();
    }
    await this.closed;
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}

// Resolves after `milliseconds`, or rejects with `message` when `promise` takes longer.
function withTimeout(promise, milliseconds, message) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

module.exports = { Browser, withTimeout };
