#include "report/grade_line.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/text_file.h"
#include "report/json_text.h"

namespace respgrade {

namespace {

// True when `text` is valid UTF-8. Strings from checked input always are; paths may not be.
bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// The JSON escape for a byte, or an empty view when the byte is written as it is.
std::string_view escape_for(char c, char (&buffer)[8]) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      if (static_cast<unsigned char>(c) >= 0x20) return {};
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
      return buffer;
  }
}

// Appends the text with JSON escapes, copying the runs between escapes whole. Evidence code is
// most of a grade line, so appending it a byte at a time was the costliest part of writing it.
void append_escaped(std::string& out, std::string_view text) {
  char buffer[8];
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string_view escape = escape_for(text[i], buffer);
    if (escape.empty()) continue;
    out.append(text, run, i - run);
    out += escape;
    run = i + 1;
  }
  out.append(text, run, std::string_view::npos);
}

void append_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

void append_strings(std::string& out, const std::vector<std::string>& texts) {
  out += '[';
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, texts[i]);
  }
  out += ']';
}

void append_evidence(std::string& out, const std::vector<EvidenceCode>& evidence) {
  out += '[';
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"lines\":[" + std::to_string(evidence[i].span.first) + "," +
           std::to_string(evidence[i].span.last) + "],\"code\":";
    append_strings(out, evidence[i].lines);
    out += '}';
  }
  out += ']';
}

void append_pattern(std::string& out, const PatternGrade& pattern) {
  out += '{';
  append_key(out, "rule");
  append_json_string(out, pattern.rule->id);
  out += ',';
  append_key(out, "title");
  append_json_string(out, pattern.rule->title);
  out += ',';
  append_key(out, "severity");
  append_json_string(out, severity_name(pattern.rule->severity));
  out += ",\"weight\":" + std::to_string(severity_weight(pattern.rule->severity)) + ",";
  append_key(out, "verdict");
  append_json_string(out, verdict_name(pattern.verdict));
  out += pattern.graded ? ",\"graded\":true," : ",\"graded\":false,";
  append_key(out, "response_status");
  append_json_string(out, status_name(pattern.response_status));
  out += ',';
  append_key(out, "ideal_status");
  append_json_string(out, status_name(pattern.ideal_status));
  out += ',';
  append_key(out, "note");
  if (pattern.note.empty()) {
    out += "null";
  } else {
    append_json_string(out, pattern.note);
  }
  out += ',';

  append_key(out, "response_evidence");
  append_evidence(out, pattern.response_evidence);
  out += ',';
  append_key(out, "ideal_evidence");
  append_evidence(out, pattern.ideal_evidence);
  out += ",\"unknown_reasons\":{\"response\":";
  append_strings(out, pattern.response_unknown_reasons);
  out += ",\"ideal\":";
  append_strings(out, pattern.ideal_unknown_reasons);
  out += "},";
  append_key(out, "fix");
  append_json_string(out, pattern.rule->fix);
  out += ',';
  append_key(out, "diff");
  append_json_string(out, pattern.diff);
  out += '}';
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  if (!is_utf8(text)) {
    // Such text is rare (a path with stray bytes), so nlohmann writes it and decides how many
    // bytes each U+FFFD replaces.
    out += json_text(nlohmann::json(std::string(text)));
    return;
  }
  out += '"';
  append_escaped(out, text);
  out += '"';
}

std::string grade_to_json_line(const Grade& grade) {
  std::string out;
  out.reserve(4096);
  out += '{';
  append_key(out, "response");
  append_json_string(out, grade.response_path);
  out += ',';
  append_key(out, "ideal");
  append_json_string(out, grade.ideal_path);
  out += ',';
  append_key(out, "score");
  // The score goes through nlohmann so that doubles print the same shortest round-trip way.
  out += grade.score ? nlohmann::json(*grade.score).dump() : "null";
  out += ",\"weights\":{\"earned\":" + std::to_string(grade.earned_weight) +
         ",\"graded\":" + std::to_string(grade.graded_weight) + "}";
  out += ",\"counts\":{\"pass\":" + std::to_string(grade.passed) +
         ",\"fail\":" + std::to_string(grade.failed) +
         ",\"missing\":" + std::to_string(grade.missing) +
         ",\"not_graded\":" + std::to_string(grade.not_graded) + "}";
  out += ",\"patterns\":[";
  for (std::size_t i = 0; i < grade.patterns.size(); ++i) {
    if (i > 0) out += ',';
    append_pattern(out, grade.patterns[i]);
  }
  out += "]}";
  return out;
}

}  // namespace respgrade
