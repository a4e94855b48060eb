"""Cross-framework benchmark of the generated services (`python -m benchmarks --help`).

It reuses the template suite's helpers (tests/support): rendering, uv, the Procfile server;
they read the templates' declarations through the shared code in hooks/.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT / "tests", ROOT / "hooks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
