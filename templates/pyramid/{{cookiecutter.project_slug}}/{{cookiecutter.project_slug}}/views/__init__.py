"""Views, found by `config.scan()`: `default` (hello, health), `items` (the API), `errors`."""
