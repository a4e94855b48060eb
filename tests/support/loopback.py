"""Plain HTTP to the servers the suite starts on loopback, for every request it makes.

httpx loads certifi's bundle into a new TLS context for each client it makes (a module-level
`httpx.get` makes one too): about 40 ms of CPU each, though no request here uses TLS. Every
request goes through these, which share one context.
"""

from typing import Any

import httpx

TLS = httpx.create_ssl_context()


def client(**options: Any) -> httpx.Client:
    return httpx.Client(verify=TLS, **options)


def request(method: str, url: str, **options: Any) -> httpx.Response:
    return httpx.request(method, url, verify=TLS, **options)


def get(url: str, **options: Any) -> httpx.Response:
    return request("GET", url, **options)


def post(url: str, **options: Any) -> httpx.Response:
    return request("POST", url, **options)
