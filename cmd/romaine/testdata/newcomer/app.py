"""A tiny shopping list: a form, a list filled in by JavaScript, and the two
test paths Romaine calls (a reset, and a factory that stores JSON records)."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

items = []  # this worker's records: {"id": 1, "name": "Milk", ...}

PAGE = """<!doctype html>
<html><head><title>Shopping list</title></head>
<body>
  <h1>Shopping list</h1>
  <form method="post" action="/items">
    <label for="name">Name</label> <input id="name" name="name">
    <button type="submit">Add</button>
  </form>
  <ul id="items"></ul>
  <script>
    // The list arrives late, as it does from a real API.
    setTimeout(async () => {
      const items = await (await fetch("/api/items")).json();
      for (const item of items) {
        const li = document.createElement("li");
        li.textContent = item.name;
        document.getElementById("items").append(li);
      }
    }, 200);
  </script>
</body></html>"""


class Handler(BaseHTTPRequestHandler):
    def send(self, status, body=b"", kind="text/html", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def add(self, record):
        record = dict(record, id=len(items) + 1)
        items.append(record)
        return record

    def do_GET(self):
        if self.path == "/":
            self.send(200, PAGE.encode())
        elif self.path == "/api/items":
            self.send(200, json.dumps(items).encode(), "application/json")
        else:
            self.send(404, b"not found")

    def do_POST(self):
        if self.path == "/items":
            name = parse_qs(self.body().decode()).get("name", [""])[0]
            self.add({"name": name})
            self.send(303, headers=[("Location", "/")])
        elif self.path == "/__test__/reset":
            items.clear()
            self.send(204)
        elif self.path.startswith("/__test__/factories/"):
            record = self.add(json.loads(self.body() or b"{}"))
            self.send(201, json.dumps(record).encode(), "application/json")
        else:
            self.send(404, b"not found")

    def log_message(self, *args):
        pass


ThreadingHTTPServer((os.environ.get("HOST", "127.0.0.1"), int(os.environ["PORT"])), Handler).serve_forever()
