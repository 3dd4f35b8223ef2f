require "bundler/setup"
require "json"
require "pg" # loads pg_ext.so, which needs libpq.so.5: at init, not per event

# A query-free check that libpq is loaded and callable: PQlibVersion and
# PQconndefaults run in libpq without a server.
def lambda_handler(event:, context:)
  defaults = PG::Connection.conndefaults_hash
  body = {
    pg: PG::VERSION,
    libpq: PG.library_version,
    conninfo_keys: defaults.size,
    default_port: defaults[:port],
    path: event["rawPath"] || event["path"],
    request_id: context.aws_request_id
  }
  { statusCode: 200, headers: { "content-type" => "application/json" }, body: JSON.generate(body) }
end
