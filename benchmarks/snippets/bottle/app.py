# The article's Bottle app, run as the article runs it: `python app.py` (Bottle's development
# server, debug on). Only change: the port comes from $PORT.
import os

from bottle import route, run, template


@route("/greet/<name>")
def greet(name):
    return template("<b>Hello, {{name}}!</b>", name=name)


@route("/square/<number:int>")
def calculate_square(number):
    return f"The square of {number} is {number * number}."


if __name__ == "__main__":
    run(host="localhost", port=int(os.environ.get("PORT", "8080")), debug=True)
