"""Bilateral relations tracker: sourced events, validation, filters and a tension index.

UI-free: nothing in this package imports Streamlit.
"""

__version__ = "0.1.0"
