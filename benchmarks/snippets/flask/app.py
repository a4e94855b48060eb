# The article's Flask items API, run as the article runs it: `python app.py` (development
# server, debug on). Only change: the port comes from $PORT so the benchmark can pick a free one.
import os

from flask import Flask, jsonify

app = Flask(__name__)

# A simple in-memory "database"
items = [{"id": 1, "name": "Item One"}, {"id": 2, "name": "Item Two"}]


@app.route("/api/items", methods=["GET"])
def get_items():
    return jsonify(items)


@app.route("/api/items/<int:item_id>", methods=["GET"])
def get_item(item_id):
    item = next((i for i in items if i["id"] == item_id), None)
    if item is None:
        return jsonify({"error": "Item not found"}), 404
    return jsonify(item)


if __name__ == "__main__":
    app.run(debug=True, port=int(os.environ.get("PORT", "5000")))
