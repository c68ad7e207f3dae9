#!/usr/bin/env python3
"""TLS front for the sandbox, for tests/integration/tls.sh.

    tls_server.py BACKEND_URL CERT:KEY [CERT:KEY...] [--proxy LOGFILE]

Serves each certificate on its own loopback port, forwarding every request
to the plain-http sandbox at BACKEND_URL, so dedi talks to the real
sandbox through a certificate made for the test. With --proxy it also runs
a CONNECT proxy that logs each CONNECT line to LOGFILE and connects any
host name to 127.0.0.1 (the port stays the one asked for): a client that
reaches a made-up host name went through it. Prints the ports, one per
line (the proxy's last), then serves until killed.
"""
import http.server
import signal
import select
import socket
import socketserver
import ssl
import sys
import threading
import urllib.error
import urllib.request


def front(backend, cert, key):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            pass

        def forward(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n) if n else None
            req = urllib.request.Request(backend + self.path, data=body,
                                         method=self.command)
            for k, v in self.headers.items():
                if k.lower() not in ("host", "connection", "accept-encoding",
                                     "content-length"):
                    req.add_header(k, v)
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    status, headers, data = r.status, r.headers, r.read()
            except urllib.error.HTTPError as e:
                status, headers, data = e.code, e.headers, e.read()
            self.send_response(status)
            for k, v in headers.items():
                if k.lower() not in ("connection", "transfer-encoding",
                                     "content-length", "date", "server"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = forward

    class Server(http.server.ThreadingHTTPServer):
        def server_bind(self):
            # HTTPServer's own asks DNS for the name of 127.0.0.1, which
            # can take seconds on a machine without a resolver.
            socketserver.TCPServer.server_bind(self)
            self.server_name, self.server_port = "localhost", self.server_address[1]

    srv = Server(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.daemon_threads = True
    return srv


def proxy(logfile):
    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            line = self.rfile.readline(4096).decode("latin-1").strip()
            while self.rfile.readline(4096) not in (b"\r\n", b"\n", b""):
                pass
            with open(logfile, "a") as f:
                f.write(line + "\n")
            parts = line.split()
            if len(parts) != 3 or parts[0] != "CONNECT":
                self.wfile.write(b"HTTP/1.1 405 CONNECT only\r\n\r\n")
                return
            port = int(parts[1].rsplit(":", 1)[1])
            up = socket.create_connection(("127.0.0.1", port))
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self.wfile.flush()
            a, b = self.connection, up
            while True:
                r, _, _ = select.select([a, b], [], [], 30)
                if not r:
                    break
                for s in r:
                    data = s.recv(65536)
                    if not data:
                        up.close()
                        return
                    (b if s is a else a).sendall(data)
            up.close()

    class Srv(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    return Srv(("127.0.0.1", 0), Handler)


def main():
    args = sys.argv[1:]
    logfile = None
    if "--proxy" in args:
        i = args.index("--proxy")
        logfile = args[i + 1]
        del args[i:i + 2]
    backend, pairs = args[0].rstrip("/"), args[1:]
    servers = [front(backend, *p.split(":", 1)) for p in pairs]
    if logfile:
        servers.append(proxy(logfile))
    for s in servers:
        print(s.server_address[1])
        threading.Thread(target=s.serve_forever, daemon=True).start()
    sys.stdout.flush()
    # Stops when the test kills it (SIGTERM's default action).
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
