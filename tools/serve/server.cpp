#include "tools/serve/server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

namespace kg::serve {

namespace {

namespace fs = std::filesystem;

std::string ContentType(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".json") return "application/json";
  return "application/octet-stream";
}

bool IsLoopback(const std::string& addr) {
  return addr == "localhost" || addr == "::1" || addr.rfind("127.", 0) == 0;
}

// The host part of a Host header ("localhost:8080" -> "localhost", "[::1]:80" -> "::1").
std::string HostOf(const std::string& h) {
  if (!h.empty() && h[0] == '[') {
    auto e = h.find(']');
    return e == std::string::npos ? h : h.substr(1, e - 1);
  }
  auto c = h.find(':');
  return c == std::string::npos ? h : h.substr(0, c);
}

void SendError(httplib::Response& res, int status, const std::string& msg) {
  ApiResponse e = Api::Error(status, msg);
  res.status = e.status;
  res.set_content(e.body, e.content_type.c_str());
}

// The Content-Security-Policy of the page: its own scripts and styles only, no
// network but this server, images only from the canvas (PNG export).
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// True when the request's Accept-Encoding offers gzip (and not "gzip;q=0").
bool AcceptsGzip(const httplib::Request& req) {
  const std::string ae = req.get_header_value("Accept-Encoding");
  const auto p = ae.find("gzip");
  if (p == std::string::npos) return false;
  std::size_t i = p + 4;
  while (i < ae.size() && ae[i] == ' ') ++i;
  if (ae.compare(i, 3, ";q=") != 0) return true;
  return std::strtod(ae.c_str() + i + 3, nullptr) > 0;
}

// Sends `body` as it is. Debian's cpp-httplib (0.11) compresses every text
// answer set with set_content itself, with Brotli at the library's default
// quality 11 whenever the client accepts "br" (every browser does): about
// 150 KB/s, so cytoscape.min.js took 3 s and a 1,000-node /api/neighbors
// answer 2 s to reach the page. A content provider of known length is sent
// untouched, so kg serve picks the encoding itself (SendAsset, API answers).
void SendBytes(httplib::Response& res, std::shared_ptr<const std::string> body, const std::string& content_type,
               bool gzipped) {
  if (gzipped) res.set_header("Content-Encoding", "gzip");
  res.set_header("Vary", "Accept-Encoding");
  if (body->empty()) {
    res.set_content(std::string(), content_type.c_str());
    return;
  }
  const std::size_t n = body->size();
  res.set_content_provider(n, content_type, [body](size_t offset, size_t length, httplib::DataSink& sink) {
    return sink.write(body->data() + offset, length);
  });
}

}  // namespace

std::string Gzip(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::string();
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

Result<std::map<std::string, Asset>> LoadAssets(const std::string& web_dir) {
  std::map<std::string, Asset> out;
  std::error_code ec;
  if (web_dir.empty() || !fs::is_regular_file(fs::path(web_dir) / "index.html", ec))
    return Status::NotFound("the web assets are not installed (no index.html in '" + web_dir +
                            "'); build kg after scripts/setup.sh has fetched them (npm ci in tools/web)");
  for (const std::string sub : {"", "vendor"}) {
    const fs::path dir = sub.empty() ? fs::path(web_dir) : fs::path(web_dir) / sub;
    if (!fs::is_directory(dir, ec)) continue;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (!in.good() && !in.eof()) return Status::IOError("cannot read " + it->path().string());
      const std::string url = name == "index.html" && sub.empty()
                                  ? "/"
                                  : "/assets/" + (sub.empty() ? name : sub + "/" + name);
      Asset a{ContentType(it->path()), ss.str(), "", ""};
      if (a.body.size() > 1024) {
        a.gzip = Gzip(a.body, 9);
        if (a.gzip.size() >= a.body.size()) a.gzip.clear();
      }
      char tag[32];
      std::snprintf(tag, sizeof tag, "\"%016zx-%zx\"", std::hash<std::string>()(a.body), a.body.size());
      a.etag = tag;
      out[url] = std::move(a);
    }
  }
  return out;
}

Server::Server(const Api* api, ServerOptions options) : api_(api), opt_(std::move(options)) {}
Server::~Server() = default;

void Server::Install() {
  http_ = std::make_unique<httplib::Server>();
  auto& s = *http_;
  const int threads = std::max(2, opt_.threads);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_payload_max_length(opt_.max_body_bytes);
  s.set_keep_alive_timeout(2);
  s.set_keep_alive_max_count(100);
  s.set_read_timeout(10, 0);
  s.set_write_timeout(30, 0);
  // Debian's cpp-httplib is built with Nagle on (a small JSON answer on a
  // keep-alive connection would wait for the peer's delayed ACK, ~40 ms) and
  // a listen backlog of 5 (a burst of connections from a page or a script
  // would wait for SYN retransmits): Nagle off here, the backlog raised in Bind().
  s.set_tcp_nodelay(true);
  s.set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (loopback_) {
      const std::string host = HostOf(req.get_header_value("Host"));
      if (!host.empty() && !IsLoopback(host)) {
        SendError(res, 403, "Host '" + host + "' is not this server (kg serve answers localhost only; use --bind to "
                            "serve other names)");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0) {
      ApiRequest ar;
      ar.method = req.method;
      ar.path = req.path;
      // Parameters come from the query string only: a POST body is JSON even
      // when a client labels it as a form (curl -d), so httplib's form
      // parsing of the body is not used.
      if (const auto q = req.target.find('?'); q != std::string::npos)
        httplib::detail::parse_query_text(req.target.substr(q + 1), ar.params);
      ar.body = req.body;
      ApiResponse r = api_->Handle(ar);
      res.status = r.status;
      res.set_header("Cache-Control", "no-store");
      if (!r.filename.empty()) res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
      if (r.status >= 400) {  // small; the error handler keeps a body it finds
        res.set_content(std::move(r.body), r.content_type.c_str());
        return;
      }
      // Over loopback sending is cheaper than compressing; beyond it (--bind),
      // answers over 8 KiB go out as fast gzip (level 1: ~5 ms for a
      // 350 KB neighbourhood, a tenth of the bytes).
      const bool gz = !loopback_ && r.body.size() > 8192 && AcceptsGzip(req);
      SendBytes(res, std::make_shared<const std::string>(gz ? Gzip(r.body, 1) : std::move(r.body)), r.content_type,
                gz);
      return;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      SendError(res, 405, req.method + " " + req.path + ": only GET is served outside /api/");
      return;
    }
    auto it = assets_.find(req.path == "/index.html" ? "/" : req.path);
    if (it == assets_.end()) {
      SendError(res, 404, "not found: " + req.path);
      return;
    }
    const Asset& a = it->second;
    // Revalidated on every load (a rebuilt kg may serve new files), answered
    // 304 when unchanged.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("ETag", a.etag);
    if (it->first == "/") res.set_header("Content-Security-Policy", kPagePolicy);
    if (req.get_header_value("If-None-Match") == a.etag) {
      res.status = 304;
      return;
    }
    const bool gz = !a.gzip.empty() && AcceptsGzip(req);
    // The assets live as long as the server: a pointer that owns nothing.
    SendBytes(res, std::shared_ptr<const std::string>(std::shared_ptr<const void>(), gz ? &a.gzip : &a.body),
              a.content_type, gz);
  };
  s.Get(".*", handle);
  s.Post(".*", handle);
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    SendError(res, 405, req.method + " is not supported (GET, POST)");
  };
  s.Put(".*", not_allowed);
  s.Patch(".*", not_allowed);
  s.Delete(".*", not_allowed);
  s.Options(".*", not_allowed);

  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // ours, already JSON
    std::string msg = "request failed";
    switch (res.status) {
      case 400: msg = "malformed HTTP request"; break;
      case 404: msg = "not found"; break;
      case 405: msg = "method not allowed"; break;
      case 413: msg = "request body too large"; break;
      case 414: msg = "request URI too long"; break;
      case 416: msg = "range not satisfiable"; break;
      case 431: msg = "request headers too large"; break;
      case 501: msg = "method not implemented"; break;
      default: break;
    }
    SendError(res, res.status, msg + " (" + req.method + " " + req.path + ")");
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    SendError(res, 500, "internal error: " + what);
  });
  if (opt_.access_log)
    s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "kg serve: %s %s %d %zu\n", req.method.c_str(), req.target.c_str(), res.status,
                   res.body.size());
    });
}

Result<int> Server::Bind() {
  KG_ASSIGN_OR_RETURN(assets_, LoadAssets(opt_.web_dir));
  loopback_ = IsLoopback(opt_.bind);
  Install();
  int port = opt_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(opt_.bind);
    if (port <= 0) return Status::IOError("cannot listen on " + opt_.bind + " (any port)");
  } else if (!http_->bind_to_port(opt_.bind, port)) {
    return Status::IOError("cannot listen on " + opt_.bind + ":" + std::to_string(port) +
                           " (in use, or not an address of this machine; try --port)");
  }
  // Re-listening on a listening socket only changes its backlog (Linux).
  if (listen_fd_ >= 0) ::listen(listen_fd_, 256);
  return port;
}

Status Server::Listen() {
  if (!http_) return Status::InvalidArgument("Listen() before Bind()");
  if (!http_->listen_after_bind()) return Status::IOError("the server stopped with an error");
  return Status::OK();
}

void Server::Stop() {
  if (http_) http_->stop();
}

}  // namespace kg::serve
