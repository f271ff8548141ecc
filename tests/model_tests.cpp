// Builds resource models from fixtures and checks what the rules and reports read from them.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "common/text_file.h"
#include "model/resource_model.h"
#include "python/response.h"

namespace {

respgrade::Response load(const std::string& name) {
  const std::string path = std::string(RESPGRADE_SOURCE_DIR) + "/fixtures/model/" + name;
  const respgrade::TextFile file = respgrade::read_text_file(path);
  return respgrade::parse_response(file.path, file.text);
}

}  // namespace

TEST_CASE("resource names from targets or Pulumi names", "[model]") {
  const respgrade::Response response = load("names-and-callees.md");
  const respgrade::ResourceModel model = respgrade::build_model(response);
  std::vector<std::string> found;
  for (const respgrade::Resource& resource : model.resources) {
    found.push_back(resource.type + " " + resource.name);
  }
  // `None.cloudwatch.LogGroup` looks like a callee but starts from a literal, so it is not a
  // resource.
  CHECK(found == std::vector<std::string>{"aws.cloudwatch.LogGroup logs", "aws.s3.Bucket typed",
                                          "aws.sqs.Queue second", "aws.sns.Topic wrapped-topic",
                                          "aws.kinesis.Stream unassigned-stream",
                                          "aws.ec2.Vpc spaced"});
}

TEST_CASE("arguments resolve on first read", "[model]") {
  const respgrade::Response response = load("names-and-callees.md");
  const respgrade::ResourceModel model = respgrade::build_model(response);
  REQUIRE(model.resources.size() == 6);

  // Read the last resource before the first: each resolves on its own.
  const respgrade::Resource& vpc = model.resources[5];
  const respgrade::Field* cidr = vpc.argument("cidr_block");
  REQUIRE(cidr != nullptr);
  CHECK(cidr->value->text == "10.0.0.0/16");
  CHECK(cidr->span.first == 18);
  // Reading one argument leaves none of the others without a value.
  for (const respgrade::Field& field : vpc.arguments()) CHECK(field.value != nullptr);

  const respgrade::Resource& logs = model.resources[0];
  const respgrade::Field* retention = logs.argument("retention_in_days");
  REQUIRE(retention != nullptr);
  CHECK(retention->value->kind == respgrade::ValueKind::number);
  CHECK(retention->value->number == 30);
  // A second read returns the same field, not a new evaluation.
  CHECK(logs.argument("retention_in_days") == retention);
  CHECK(logs.arguments().size() == 1);
  CHECK(logs.hidden_arguments().empty());

  const respgrade::Resource& stream = model.resources[4];
  CHECK(stream.argument("encryption_type") == nullptr);
  CHECK(stream.arguments().size() == 1);
}

TEST_CASE("chained assignment binds each name once", "[model]") {
  const respgrade::Response response = load("chained-assignment.md");
  const respgrade::ResourceModel model = respgrade::build_model(response);
  REQUIRE(model.resources.size() == 4);
  CHECK(model.resources[0].name == "d");
  for (std::size_t i : {1u, 2u}) {
    const respgrade::Field* retention = model.resources[i].argument("retention_in_days");
    REQUIRE(retention != nullptr);
    CHECK(retention->value->kind == respgrade::ValueKind::number);
    CHECK(retention->value->number == 30);
  }
  const respgrade::Field* output = model.resources[3].argument("retention_in_days");
  REQUIRE(output != nullptr);
  CHECK(output->value->kind == respgrade::ValueKind::resource_output);
}

TEST_CASE("threads resolve one model together", "[model]") {
  // batch shares an ideal's scan between its threads, so resolving must be safe from several
  // at once. The ThreadSanitizer build (scripts/test.sh build-tsan -DRESPGRADE_TSAN=ON) checks it.
  const respgrade::Response response = load("names-and-callees.md");
  const respgrade::ResourceModel model = respgrade::build_model(response);
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&model, &found = seen[t], t] {
      // Each thread starts from a different resource, so that they resolve in different orders.
      for (std::size_t i = 0; i < model.resources.size(); ++i) {
        const respgrade::Resource& resource = model.resources[(i + t) % model.resources.size()];
        for (const respgrade::Field& field : resource.arguments()) {
          found.push_back(resource.name + "." + field.key + "=" +
                          respgrade::describe(*field.value));
        }
      }
      std::sort(found.begin(), found.end());
    });
  }
  for (std::thread& thread : threads) thread.join();
  REQUIRE(seen[0].size() == 3);
  CHECK(seen[0][0] == "logs.retention_in_days=30");
  for (std::size_t t = 1; t < seen.size(); ++t) CHECK(seen[t] == seen[0]);
}
