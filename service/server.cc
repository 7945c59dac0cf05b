// The Beast server: listener, plain and TLS sessions, limits, timeouts and
// the graceful stop. The only file that includes Boost. Test: tests/cli/serve_test.sh.
#include "server.h"

#include <atomic>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "connection_registry.h"
#include "log.h"

namespace candidacy::service {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using error_code = beast::error_code;
// Each thread runs its own io_context (below), so a connection's handlers all
// run on one thread: no strand, and the concrete executor type rather than
// the type-erased any_io_executor (no allocation per operation).
using Executor = net::io_context::executor_type;
using Stream = beast::basic_stream<tcp, Executor>;
using Socket = net::basic_stream_socket<tcp, Executor>;

constexpr std::size_t kLingerBytes = 16u << 20;  // read and dropped after a refused body, so the client sees the answer
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::size_t kReadBufferBytes = 16u << 10;

struct Shared {
  Service* service;
  const ServerOptions* options;
  ConnectionRegistry registry;
  std::atomic<bool> stopping{false};
};

bool IsParseError(const error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::bad_target).category();
}

// One connection: read a request (headers, then a body within the endpoint's
// cap), answer it, and again while keep-alive allows. Derived gives stream(),
// kTls, Start() and Finish().
template <class Derived>
class Session {
 public:
  // The read buffer starts with room for a usual request, so one read takes
  // it whole (Beast reads at most the free capacity, and 512 bytes when none).
  explicit Session(Shared* shared) : shared_(shared) { buffer_.reserve(kReadBufferBytes); }
  ~Session() {
    if (id_ != 0) shared_->registry.Remove(id_);
  }

 protected:
  Derived& self() { return static_cast<Derived&>(*this); }
  Stream& lowest() { return beast::get_lowest_layer(self().stream()); }

  void Register() {
    std::weak_ptr<Derived> weak = self().shared_from_this();
    id_ = shared_->registry.Add([weak] {
      if (auto s = weak.lock()) net::post(s->stream().get_executor(), [s] { s->CloseIfIdle(); });
    });
  }

  void DoRead() {
    if (shared_->stopping.load()) {  // stopping: read only a request that has already arrived
      error_code ec;
      if (buffer_.size() == 0 && lowest().socket().available(ec) == 0) return self().Finish();
    }
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->options->header_limit));
    parser_->body_limit(4 * Service::BodyLimit("/"));  // the largest; each endpoint's own once its path is known
    reading_ = true;
    lowest().expires_after(served_ == 0 ? shared_->options->header_timeout : shared_->options->idle_timeout);
    http::async_read_header(self().stream(), buffer_, *parser_,
                            beast::bind_front_handler(&Session::OnHeader, self().shared_from_this()));
  }

 public:
  void CloseIfIdle() {
    error_code ec;
    if (reading_ && buffer_.size() == 0 && lowest().socket().available(ec) == 0) {
      reading_ = false;
      lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
      lowest().socket().close(ec);
    }
  }

 private:
  std::string Path() const {
    const auto t = parser_->get().target();
    const std::string target(t.data(), t.size());
    return target.substr(0, target.find('?'));
  }

  void OnHeader(error_code ec, std::size_t) {
    reading_ = false;
    if (ec == http::error::header_limit) return Refuse(431, "too-large", "the request line and headers pass the limit", "/");
    if (ec == http::error::body_limit) return Refuse(413, "too-large", "the body passes the limit", "/");
    if (ec && IsParseError(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message)
      return Refuse(400, "bad-request", "the request is not well-formed HTTP/1.1", "/");
    if (ec) return self().Finish();  // end of stream, timeout, reset, or closed by a stop
    const std::string path = Path();
    const std::size_t limit = Service::BodyLimit(path);
    if (const auto length = parser_->content_length(); length && *length > limit)
      return Refuse(413, "too-large", "the body is larger than the limit of " + std::to_string(limit) + " bytes", path);
    parser_->body_limit(limit);
    // The body's own deadline, unless it came with the headers (most do):
    // a timer re-armed is a timerfd_settime when it is the nearest.
    if (!parser_->is_done()) lowest().expires_after(shared_->options->body_timeout);
    const auto expect = parser_->get()[http::field::expect];
    if (!parser_->is_done() && beast::iequals(expect, "100-continue")) {
      continue_ = {http::status::continue_, parser_->get().version()};
      return http::async_write(self().stream(), continue_, beast::bind_front_handler(&Session::OnContinue, self().shared_from_this()));
    }
    ReadBody();
  }

  void OnContinue(error_code ec, std::size_t) {
    if (ec) return self().Finish();
    ReadBody();
  }

  void ReadBody() {
    http::async_read(self().stream(), buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, self().shared_from_this()));
  }

  void OnRead(error_code ec, std::size_t) {
    if (ec == http::error::body_limit) return Refuse(413, "too-large", "the body passes the limit", Path());
    if (ec == beast::error::timeout) {
      shared_->service->CountRefused(Path(), 408, "timeout");
      return self().Finish();
    }
    if (ec && IsParseError(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message)
      return Refuse(400, "bad-request", "the request body is not well-formed HTTP/1.1", Path());
    if (ec) return self().Finish();
    http::request<http::string_body> req = parser_->release();
    HttpRequest request;
    request.method = std::string(req.method_string());
    request.target = std::string(req.target());
    request.tls = Derived::kTls;
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(req.body());
    HttpResponse response = shared_->service->Handle(request);
    const bool keep = req.keep_alive() && !response.close && !shared_->stopping.load() &&
                      ++served_ < shared_->options->max_requests_per_connection;
    Send(std::move(response), keep, req.version(), false);
  }

  // Answers a request that will not be read further, then drops what the client still sends.
  void Refuse(int status, const char* kind, const std::string& message, const std::string& path) {
    shared_->service->CountRefused(path, status, kind);
    Send(ErrorResponse(status, kind, message), false, 11, true);
  }

  void Send(HttpResponse response, bool keep, unsigned version, bool linger) {
    res_ = {};
    res_.version(version);
    res_.result(static_cast<unsigned>(response.status));
    res_.set(http::field::server, "candidacy");
    if (!response.content_type.empty()) res_.set(http::field::content_type, response.content_type);
    res_.set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : response.headers) res_.set(name, value);
    res_.body() = std::move(response.body);
    res_.keep_alive(keep);
    res_.prepare_payload();
    lowest().expires_after(shared_->options->write_timeout);
    http::async_write(self().stream(), res_,
                      beast::bind_front_handler(&Session::OnWrite, self().shared_from_this(), keep, linger));
  }

  void OnWrite(bool keep, bool linger, error_code ec, std::size_t) {
    if (ec) return self().Finish();
    if (linger) {
      error_code ignored;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      lowest().expires_after(kLingerTimeout);
      return Linger(error_code(), 0);
    }
    if (!keep) return self().Finish();
    DoRead();
  }

  void Linger(error_code ec, std::size_t n) {
    lingered_ += n;
    if (ec || lingered_ > kLingerBytes) {
      error_code ignored;
      lowest().socket().close(ignored);
      return;
    }
    lowest().async_read_some(net::buffer(discard_), beast::bind_front_handler(&Session::Linger, self().shared_from_this()));
  }

  Shared* shared_;
  std::uint64_t id_ = 0;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  http::response<http::empty_body> continue_;
  bool reading_ = false;  // waiting for a request's headers
  int served_ = 0;
  std::size_t lingered_ = 0;
  std::array<char, 8192> discard_{};
};

class PlainSession : public Session<PlainSession>, public std::enable_shared_from_this<PlainSession> {
 public:
  static constexpr bool kTls = false;
  PlainSession(Socket&& socket, Shared* shared) : Session(shared), stream_(std::move(socket)) {}
  Stream& stream() { return stream_; }
  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->Register();
      self->DoRead();
    });
  }
  void Finish() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

 private:
  Stream stream_;
};

class TlsSession : public Session<TlsSession>, public std::enable_shared_from_this<TlsSession> {
 public:
  static constexpr bool kTls = true;
  TlsSession(Socket&& socket, ssl::context& tls, Shared* shared) : Session(shared), stream_(std::move(socket), tls) {}
  beast::ssl_stream<Stream>& stream() { return stream_; }
  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->Register();
      beast::get_lowest_layer(self->stream_).expires_after(self->HandshakeTimeout());
      self->stream_.async_handshake(ssl::stream_base::server, [self](error_code ec) {
        if (!ec) self->DoRead();
      });
    });
  }
  void Finish() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
    stream_.async_shutdown([self = shared_from_this()](error_code) {
      error_code ignored;
      beast::get_lowest_layer(self->stream_).socket().close(ignored);
    });
  }

 private:
  std::chrono::seconds HandshakeTimeout() const { return std::chrono::seconds(10); }
  beast::ssl_stream<Stream> stream_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Listens on the first context; hands each connection to the next context in turn.
  Listener(std::vector<std::unique_ptr<net::io_context>>& contexts, ssl::context* tls, Shared* shared)
      : contexts_(contexts), tls_(tls), shared_(shared), acceptor_(contexts.front()->get_executor()) {}

  bool Open(const tcp::endpoint& endpoint, std::string* error) {
    error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      *error = "cannot listen on " + endpoint.address().to_string() + ":" + std::to_string(endpoint.port()) + ": " + ec.message();
      return false;
    }
    return true;
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void Accept() {
    net::io_context& next = *contexts_[next_++ % contexts_.size()];
    acceptor_.async_accept(next.get_executor(), beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }
  void Stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  void OnAccept(error_code ec, Socket socket) {
    if (!acceptor_.is_open() || shared_->stopping.load()) return;
    if (!ec) {
      error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      if (tls_ != nullptr)
        std::make_shared<TlsSession>(std::move(socket), *tls_, shared_)->Start();
      else
        std::make_shared<PlainSession>(std::move(socket), shared_)->Start();
    }
    Accept();
  }

  std::vector<std::unique_ptr<net::io_context>>& contexts_;
  std::size_t next_ = 0;
  ssl::context* tls_;
  Shared* shared_;
  net::basic_socket_acceptor<tcp, Executor> acceptor_;
};

}  // namespace

bool ParseListenAddress(const std::string& text, std::string* host, unsigned short* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 >= text.size() || text.size() - colon - 1 > 5) return false;
  std::string h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  unsigned value = 0;
  for (size_t i = colon + 1; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  }
  if (value > 65535) return false;
  error_code ec;
  if (!h.empty()) net::ip::make_address(h, ec);
  if (ec) return false;
  *host = h.empty() ? "0.0.0.0" : h;
  *port = static_cast<unsigned short>(value);
  return true;
}

bool RunServer(Service* service, const ServerOptions& options, std::string* error) {
  // One io_context per thread, each run by its thread alone (concurrency
  // hint 1: the scheduler takes no turns between threads); connections are
  // dealt to them in turn.
  const int threads = std::max(1, options.threads);
  std::vector<std::unique_ptr<net::io_context>> contexts;
  for (int i = 0; i < threads; ++i) contexts.push_back(std::make_unique<net::io_context>(1));
  net::io_context& ioc = *contexts.front();
  const auto stop_all = [&contexts] {
    for (auto& c : contexts) c->stop();
  };
  // The other contexts run until the stop, connections or not.
  std::vector<net::executor_work_guard<Executor>> keep_running;
  for (int i = 1; i < threads; ++i) keep_running.push_back(net::make_work_guard(*contexts[i]));
  std::optional<ssl::context> tls;
  if (!options.tls_cert.empty()) {
    try {
      tls.emplace(ssl::context::tls_server);
      tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
      tls->use_certificate_chain_file(options.tls_cert);
      tls->use_private_key_file(options.tls_key, ssl::context::pem);
    } catch (const boost::system::system_error& e) {
      *error = "cannot use the TLS certificate " + options.tls_cert + " and key " + options.tls_key + ": " + e.code().message();
      return false;
    }
  }
  Shared shared;
  shared.service = service;
  shared.options = &options;
  error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (ec) {
    *error = "cannot listen on " + options.host + ": not an IP address";
    return false;
  }
  auto listener = std::make_shared<Listener>(contexts, tls ? &*tls : nullptr, &shared);
  if (!listener->Open(tcp::endpoint(address, options.port), error)) return false;

  // After SIGTERM/SIGINT: a watchdog stops the loop if requests are still in flight after the drain timeout.
  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false, finished = false;
  std::thread watchdog([&] {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return stop_requested || finished; });
    if (!cv.wait_for(lock, options.drain_timeout, [&] { return finished; })) stop_all();
  });
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const error_code& wait_error, int) {
    if (wait_error) return;
    shared.stopping.store(true);
    service->SetDraining();
    if (options.on_stopping) options.on_stopping();
    listener->Stop();
    shared.registry.CloseIdle();
    for (auto& guard : keep_running) net::post(guard.get_executor(), [&guard] { guard.reset(); });
    std::lock_guard<std::mutex> lock(mu);
    stop_requested = true;
    cv.notify_all();
  });
  listener->Accept();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  if (options.on_listening) options.on_listening(host + ":" + std::to_string(listener->port()));

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&contexts, i] { contexts[i]->run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  {
    std::lock_guard<std::mutex> lock(mu);
    finished = true;
    cv.notify_all();
  }
  watchdog.join();
  return true;
}

}  // namespace candidacy::service
