"""Cross-framework benchmark of the generated services (`python -m benchmarks --help`).

It reuses the template suite's helpers (tests/support): rendering, uv, the Procfile server.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))
