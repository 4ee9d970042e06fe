"""Where the tracker's files live. A leaf module: imports nothing from tracker."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
EVENTS_CSV = DATA_DIR / "events.csv"
CODEBOOK_CSV = DATA_DIR / "codebook.csv"
COLUMNS_CSV = DATA_DIR / "columns.csv"
PLACES_CSV = DATA_DIR / "places.csv"
METHODOLOGY_MD = ROOT / "docs" / "methodology.md"
