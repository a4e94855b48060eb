"""The results as a PNG: requests per second per endpoint, and the ratios against the baselines."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt

from .report import CONTRACT_ENDPOINTS, DATABASES, JsonObject, service_records


def draw(results: JsonObject, path: Path) -> None:
    templates = results["templates"]
    names = [template["template"] for template in templates]
    figure, (throughput, ratios) = plt.subplots(
        1, 2, figsize=(14, 5.5), gridspec_kw={"width_ratios": [3, 2]}
    )

    width = 0.8 / len(CONTRACT_ENDPOINTS)
    for offset, (name, label) in enumerate(CONTRACT_ENDPOINTS.items()):
        values = [service_records(results, n)[name]["requests_per_second"] for n in names]
        positions = [index + (offset - 1.5) * width for index in range(len(templates))]
        throughput.bar(positions, values, width, label=label)
    throughput.set_xticks(range(len(templates)), names)
    throughput.set_ylabel("requests per second")
    database = DATABASES[results["database"]].split(" on ")[0]
    throughput.set_title(f"Generated services ({database}, {results['seeded_items']} items)")
    throughput.legend(fontsize="small")

    third = 0.27
    bars = {
        "article_snippet": "article endpoint vs article snippet",
        "hello_app": "/health vs bare hello app",
        "welcome_vs_hello_app": "/ (no database) vs bare hello app",
    }
    for offset, (key, label) in enumerate(bars.items()):
        # No bar where the article has no snippet of the framework.
        values = [template[key]["ratio"] if template[key] else math.nan for template in templates]
        positions = [index + (offset - 1) * third for index in range(len(templates))]
        ratios.bar(positions, values, third, label=label)
    for index, template in enumerate(templates):
        left = index - 1.5 * third  # each goal line spans its own bar
        for offset, (key, style) in enumerate(
            (("article_snippet", "dashed"), ("hello_app", "dotted"))
        ):
            start = left + offset * third
            if not template[key]:
                continue
            ratios.hlines(
                template[key]["goal"], start, start + third, colors="black", linestyles=style
            )
    ratios.set_xticks(range(len(templates)), names)
    ratios.set_yscale("log")
    ratios.set_ylabel("ratio (log scale); lines: goals")
    ratios.set_title("Service vs baselines, same run")
    ratios.legend(fontsize="small")

    noisy = ", a noisy run (busy machine)" if results["noisy"] else ""
    figure.suptitle(
        f"Measured {results['measured_at']} on {results['machine']['description']}{noisy}"
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
