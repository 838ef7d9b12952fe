// The HTTP side of `kg serve`: cpp-httplib (Debian's libcpp-httplib) serving
// the page and its assets from memory and the JSON API (api.h).
//
// Only the files found in the web directory at start are served (read once
// into memory; no path from a request ever reaches the file system), under
// "/" (index.html) and "/assets/NAME". Every other path outside /api/ is a
// 404 with a JSON error. When bound to a loopback address, requests whose Host
// header names another host get 403 (a web page elsewhere cannot reach the
// explorer through DNS rebinding). Errors the HTTP library itself produces
// (413 body too large, 400 malformed request) get the same JSON error body.
//
// Thread safety: Listen() blocks; Stop() may be called from any thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "graph/status.h"
#include "tools/serve/api.h"

namespace httplib {
class Server;
}

namespace kg::serve {

struct ServerOptions {
  std::string bind = "127.0.0.1";  // address to listen on
  int port = 8080;                 // 0: any free port (Bind() returns it)
  std::string web_dir;             // the page's files (index.html, app.js, ...; vendor/*.js)
  int threads = 16;                // worker threads (idle keep-alive connections hold one each)
  std::size_t max_body_bytes = 1 << 20;  // larger request bodies: 413
  bool access_log = false;         // one line per request on stderr
};

struct Asset {
  std::string content_type;
  std::string body;
  std::string gzip;  // body gzip-compressed (level 9, once at load); empty when not worth it
  std::string etag;  // "\"<hash of body>\""
};

// gzip (RFC 1952) of `data` at zlib `level` (1 fast .. 9 small).
std::string Gzip(std::string_view data, int level);

// The files of `web_dir` (and web_dir/vendor) by URL path ("/assets/app.js",
// "/assets/vendor/cytoscape.min.js", "/" for index.html). NotFound when
// index.html is missing (the web assets are not installed).
Result<std::map<std::string, Asset>> LoadAssets(const std::string& web_dir);

class Server {
 public:
  // REQUIRES: api outlives the Server.
  Server(const Api* api, ServerOptions options);
  ~Server();
  // Loads the assets and binds; returns the port. IOError when the address
  // cannot be bound (in use, not local).
  Result<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Listen();
  void Stop();

 private:
  void Install();
  const Api* api_;
  ServerOptions opt_;
  std::map<std::string, Asset> assets_;
  std::unique_ptr<httplib::Server> http_;
  bool loopback_ = true;
  int listen_fd_ = -1;  // the listening socket (set while binding)
};

}  // namespace kg::serve
