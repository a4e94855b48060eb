# The article's CherryPy app, run as the article runs it: `python app.py` (cherrypy.quickstart,
# CherryPy's own server with its defaults). Only change: the port comes from $PORT.
import os

import cherrypy


class HelloWorld:
    @cherrypy.expose
    def index(self):
        return "This is the homepage."

    @cherrypy.expose
    def greet(self, name="Guest"):
        return f"Hello, {name}!"

    @cherrypy.expose
    def add(self, a=0, b=0):
        try:
            result = int(a) + int(b)
            return f"The sum of {a} and {b} is {result}."
        except ValueError:
            return "Please provide integer values."


if __name__ == "__main__":
    cherrypy.config.update({"server.socket_port": int(os.environ.get("PORT", "8080"))})
    cherrypy.quickstart(HelloWorld())
