// The request dispatcher: the whole route table is in routes.cpp.
#pragma once

#include <httplib.h>

#include "server/http_server.h"
#include "server/suggester.h"
#include "server/worker_pool.h"

namespace depeche::server {

struct RouteContext {
  const ServerOptions& options;
  WorkerPool& workers;
  const Suggester& suggester;
};

// Routes one request (any method, any path), maps errors to statuses and writes the access log.
void handle_request(const RouteContext& context, const httplib::Request& request, httplib::Response& response);

// The JSON body of an error httplib produced itself (400 malformed, 413 too large, 414 URI…).
void fill_protocol_error(const httplib::Request& request, httplib::Response& response);

}  // namespace depeche::server
