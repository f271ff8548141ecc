#include "report/html_assets.h"

namespace respgrade {

const std::string_view kHtmlReportStyle = R"css(
:root { --fail: #c62828; --missing: #ef6c00; --pass: #2e7d32; --skip: #757575;
  --removed: #ffebe9; --added: #e6ffec; --removed-mark: #ffc1bd; --added-mark: #aceebb;
  --border: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 1.5rem; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-top: 1rem; border-top: 2px solid var(--border); }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
a { color: #0969da; }
code, pre, .code td { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
.muted { color: var(--muted); }
.summary { display: flex; gap: 1.5rem; flex-wrap: wrap; align-items: baseline; margin: .5rem 0; }
.score { font-size: 1.75rem; font-weight: 600; }
.badge { display: inline-block; min-width: 4.5rem; padding: 0 .5rem; border-radius: 1rem;
  color: #fff; font-size: .8rem; font-weight: 600; text-align: center; text-transform: uppercase; }
.badge.fail, .badge.error, .badge.fails, .badge.flawed, .badge.moved, .badge.not_reproduced {
  background: var(--fail); }
.badge.missing, .badge.unknown { background: var(--missing); }
.badge.pass, .badge.passes, .badge.confirmed, .badge.reproduced { background: var(--pass); }
.badge.not_graded, .badge.unmatched { background: var(--skip); }
.severity { font-size: .8rem; font-weight: 600; text-transform: uppercase; color: var(--muted); }
.pattern { border: 1px solid var(--border); border-radius: 6px; padding: .25rem 1rem .75rem;
  margin: .75rem 0; }
.pattern h3 { margin-top: .5rem; }
.fix { margin: .25rem 0; }
.code { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: .5rem; }
.code col.line-number { width: 3.5rem; }
.code th { text-align: left; font-weight: 600; padding: .25rem .5rem; background: #f6f8fa;
  border: 1px solid var(--border); overflow-wrap: anywhere; }
.code td { padding: 0 .5rem; vertical-align: top; white-space: pre-wrap; word-break: break-all; }
.code td.ln { width: 3.5rem; text-align: right; color: var(--muted); user-select: none;
  border-right: 1px solid var(--border); }
.code td.side { border-right: 1px solid var(--border); }
.code td.removed { background: var(--removed); }
.code td.added { background: var(--added); }
.code td.ln.removed { background: var(--removed-mark); }
.code td.ln.added { background: var(--added-mark); }
.code td.empty { background: #f6f8fa; }
table.list { border-collapse: collapse; margin: .5rem 0; }
table.list th, table.list td { border: 1px solid var(--border); padding: .2rem .6rem;
  text-align: left; vertical-align: top; }
table.list th { background: #f6f8fa; }
table.list td.number { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
.legend { font-weight: 400; font-size: .85rem; margin-left: .5rem; }
.legend::before { content: ""; display: inline-block; width: .8rem; height: .8rem;
  margin-right: .25rem; vertical-align: -1px; }
.legend.fail::before { background: var(--fail); }
.legend.missing::before { background: var(--missing); }
svg text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: #1f2328; }
svg .bar-fail { fill: var(--fail); }
svg .bar-missing { fill: var(--missing); }
svg .bin rect { fill: #0969da; }
svg .axis { stroke: var(--border); }
.error-text { color: var(--fail); }
)css";

const std::string_view kHtmlReportScript = R"js(
"use strict";
(function () {
  const source = document.getElementById("report-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const svgNamespace = "http://www.w3.org/2000/svg";

  function node(name, attributes, text) {
    const element = document.createElementNS(svgNamespace, name);
    for (const [key, value] of Object.entries(attributes || {})) {
      element.setAttribute(key, String(value));
    }
    if (text !== undefined) element.textContent = String(text);
    return element;
  }

  // One horizontal bar per pattern: failed (red) then missing (orange), longest first.
  function drawPatternChart(svg, patterns) {
    const rowHeight = 22, labelWidth = 250, barWidth = 360, top = 8;
    const maximum = Math.max(1, ...patterns.map((p) => p.failed + p.missing));
    const height = top + rowHeight * patterns.length + 8;
    svg.setAttribute("viewBox", "0 0 " + (labelWidth + barWidth + 60) + " " + height);
    svg.setAttribute("width", labelWidth + barWidth + 60);
    svg.setAttribute("height", height);
    patterns.forEach((pattern, index) => {
      const y = top + index * rowHeight;
      const group = node("g", { class: "bar", "data-rule": pattern.rule });
      group.appendChild(node("title", {}, pattern.title + ": " + pattern.failed + " fail, " +
        pattern.missing + " missing, of " + pattern.graded + " graded"));
      group.appendChild(node("text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end" },
        pattern.rule));
      const failWidth = (barWidth * pattern.failed) / maximum;
      const missingWidth = (barWidth * pattern.missing) / maximum;
      group.appendChild(node("rect", { class: "bar-fail", x: labelWidth, y: y + 3,
        width: failWidth, height: rowHeight - 6 }));
      group.appendChild(node("rect", { class: "bar-missing", x: labelWidth + failWidth, y: y + 3,
        width: missingWidth, height: rowHeight - 6 }));
      group.appendChild(node("text", { x: labelWidth + failWidth + missingWidth + 6, y: y + 15 },
        pattern.failed + pattern.missing + " / " + pattern.graded));
      svg.appendChild(group);
    });
  }

  // One vertical bar per score bin, with its count above it and its range below.
  function drawScoreChart(svg, bins) {
    const binWidth = 52, chartHeight = 180, top = 20, left = 10;
    const maximum = Math.max(1, ...bins.map((bin) => bin.count));
    const width = left * 2 + binWidth * bins.length;
    svg.setAttribute("viewBox", "0 0 " + width + " " + (top + chartHeight + 40));
    svg.setAttribute("width", width);
    svg.setAttribute("height", top + chartHeight + 40);
    svg.appendChild(node("line", { class: "axis", x1: left, x2: width - left,
      y1: top + chartHeight, y2: top + chartHeight }));
    bins.forEach((bin, index) => {
      const x = left + index * binWidth;
      const height = (chartHeight * bin.count) / maximum;
      const group = node("g", { class: "bin", "data-label": bin.label });
      group.appendChild(node("title", {}, bin.label + ": " + bin.count));
      group.appendChild(node("rect", { x: x + 6, y: top + chartHeight - height,
        width: binWidth - 12, height: height }));
      group.appendChild(node("text", { x: x + binWidth / 2, y: top + chartHeight - height - 4,
        "text-anchor": "middle" }, bin.count));
      group.appendChild(node("text", { x: x + binWidth / 2, y: top + chartHeight + 16,
        "text-anchor": "middle" }, bin.label));
      svg.appendChild(group);
    });
  }

  const patternChart = document.getElementById("pattern-chart");
  if (patternChart && data.patterns) drawPatternChart(patternChart, data.patterns);
  const scoreChart = document.getElementById("score-chart");
  if (scoreChart && data.score_bins) drawScoreChart(scoreChart, data.score_bins);
})();
)js";

}  // namespace respgrade
