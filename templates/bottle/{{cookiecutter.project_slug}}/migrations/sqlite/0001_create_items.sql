-- The items of the API. An INTEGER PRIMARY KEY is SQLite's rowid: inserts assign the next id.
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    description VARCHAR(1000)
);
