# The article's Tornado app, run as the article runs it: `python app.py` (Tornado's own server,
# one process). Changes: the port comes from $PORT, and `import tornado.websocket`, which the
# article leaves out (without it the class statement fails).
import asyncio
import os

import tornado.ioloop
import tornado.web
import tornado.websocket


class MainHandler(tornado.web.RequestHandler):
    async def get(self):
        # Simulate a slow I/O operation (e.g., a database query)
        await asyncio.sleep(2)
        self.write("Hello, Tornado! This response was delayed.")


class WebSocketHandler(tornado.websocket.WebSocketHandler):
    def open(self):
        print("WebSocket opened")
        self.write_message("Connected to server!")

    def on_message(self, message):
        self.write_message(f"You said: {message}")

    def on_close(self):
        print("WebSocket closed")


def make_app():
    return tornado.web.Application([(r"/", MainHandler), (r"/ws", WebSocketHandler)])


if __name__ == "__main__":
    app = make_app()
    port = int(os.environ.get("PORT", "8888"))
    app.listen(port)
    print(f"Server starting on http://127.0.0.1:{port}")
    tornado.ioloop.IOLoop.current().start()
